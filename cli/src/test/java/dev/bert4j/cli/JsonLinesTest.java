package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.train.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON Lines at scale: each output line is one JSON object, the fields a line carries come back beside its
 * answer, input streams through in windows in input order, and a bad line costs a few passes, not one per line.
 * Runs {@code embed} on a tiny random model with the real all-MiniLM-L6-v2 tokenizer, so that the numbers of
 * lines, not the model, set the pace.
 */
class JsonLinesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    static Path root;
    static Path tiny;

    @BeforeAll
    static void model() {
        tiny = TinyModels.write(root.resolve("tiny"));
    }

    @Test
    void everyOutputLineIsExactlyOneJsonObject() throws Exception {
        String stdin = "{\"text\": \"one\"}\n{\"text\": \"two\", \"id\": 2}\nnot json\n{\"text\": \"three\"}\n";
        for (String[] args : List.of(new String[] {"embed", "--model", tiny.toString()}, new String[] {"tokenize"})) {
            CliRun run = CliRun.withInput(stdin, args);
            assertThat(run.out()).endsWith("}\n");
            String[] lines = run.out().split("\n");
            assertThat(lines).as(args[0]).hasSize(4);
            for (String line : lines) {
                assertThat(line.charAt(0)).as(args[0] + ": " + line).isEqualTo('{');
                assertThat(line).endsWith("}");
                assertThat(MAPPER.readTree(line).isObject()).isTrue();
            }
        }
        CliRun arguments = CliRun.run("embed", "--model", tiny.toString(), "one", "two");
        for (String line : arguments.out().split("\n")) {
            assertThat(line.charAt(0)).isEqualTo('{');
        }
    }

    @Test
    void unknownFieldsComeBackUnchangedAfterTheAnswerInInputOrder() {
        String stdin = "{\"id\": 12345678901234567890, \"text\": \"hello\", \"meta\": {\"tags\": [\"a\", \"b\"], \"w\": 2.50},"
                + " \"note\": null, \"lang\": \"\u00e9n\"}\n";
        CliRun run = CliRun.withInput(stdin, "embed", "--model", tiny.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode line = run.jsonLines().getFirst();
        assertThat(fieldNames(line)).containsExactly("text", "embedding", "id", "meta", "note", "lang");
        assertThat(line.get("embedding")).hasSize(32);
        assertThat(run.out()).contains("\"id\":12345678901234567890,\"meta\":{\"tags\":[\"a\",\"b\"],\"w\":2.50},"
                + "\"note\":null,\"lang\":\"\u00e9n\"}");
    }

    @Test
    void aCarriedFieldThatNamesAnOutputFieldIsAnErrorOnItsOwnLine() {
        String stdin = """
                {"text": "a", "embedding": [1]}
                {"text": "b", "id": 2}
                {"id": 3, "text": "c", "error": "x", "line": 9}
                {"id": 4, "text": 5}
                {"id": 5, "text": "e", "truncated": false}
                """;
        CliRun run = CliRun.withInput(stdin, "embed", "--model", tiny.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("error").asText()).contains("field 'embedding' is also a field of the output");
        assertThat(lines.get(0).get("embedding")).hasSize(1);
        assertThat(lines.get(1).get("embedding")).hasSize(32);
        assertThat(lines.get(1).get("id").asInt()).isEqualTo(2);
        // an error line's own "line" and "error" are never doubled by the input's
        assertThat(fieldNames(lines.get(2))).containsExactly("line", "error", "id");
        assertThat(lines.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(lines.get(2).get("error").asText()).contains("field 'error' is also a field of the output");
        assertThat(lines.get(3).get("error").asText()).contains("field 'text' must be a string");
        assertThat(lines.get(3).get("id").asInt()).isEqualTo(4);
        assertThat(lines.get(4).get("error").asText()).contains("field 'truncated'");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("line 1:").contains("line 3:").contains("line 4:").contains("line 5:")
                .doesNotContain("line 2:");
    }

    @Test
    void twentyThousandLinesStreamThroughInWindowsAndInOrder() {
        int n = 20_000;
        GeneratedLines input = new GeneratedLines(n);
        CheckedLines output = new CheckedLines(input);
        StringWriter err = new StringWriter();
        int status = Bert4jCommand.execute(new String[] {"embed", "--model", tiny.toString(), "--progress"}, input,
                new PrintWriter(output, true), new PrintWriter(err, true));
        assertThat(status).as(err.toString()).isZero();
        assertThat(output.problem).isNull();
        assertThat(output.lines).isEqualTo(n);
        // lines read but not yet written: at most one window plus what the 64 KiB read buffer holds
        int buffered = (1 << 16) / GeneratedLines.line(0).length() + 1;
        assertThat(output.mostAhead).isLessThanOrEqualTo(JsonLinesInput.Window.DEFAULT_LINES + buffered).isLessThan(n / 2);
        assertThat(err.toString()).contains("Embedding").contains(String.valueOf(n)).contains("lines");
    }

    @Test
    void theProgressBarShowsOnlyWhenAskedOrOnATerminalAndNeverWhenQuiet() {
        String stdin = "{\"text\": \"a\"}\n";
        assertThat(CliRun.withInput(stdin, "embed", "--model", tiny.toString()).err()).doesNotContain("Embedding");
        assertThat(CliRun.withInput(stdin, "tokenize", "--progress").err()).contains("Tokenizing");
        StringWriter err = new StringWriter();
        Bert4jCommand.execute(new String[] {"embed", "--model", tiny.toString(), "-q", "--progress"},
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), () -> true);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadRequestCostsAFewPassesOverItsWindowNotACallPerLine() {
        int n = JsonLinesInput.Window.DEFAULT_LINES;
        Set<Integer> bad = Set.of(17, 2000, 4001);
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < n; i++) {
            stdin.append("{\"text\": \"").append(bad.contains(i) ? "bad " : "good ").append(i).append("\"}\n");
        }
        int[] calls = new int[1];
        long[] requests = new long[1];
        var task = new JsonLinesTask<String>(new Fields(Set.of("text"), Set.of("echo")), line -> Fields.required(line, "text"),
                texts -> {
                    calls[0]++;
                    requests[0] += texts.size();
                    if (texts.stream().anyMatch(t -> t.startsWith("bad"))) {
                        throw new IllegalArgumentException("a bad text");
                    }
                    return texts.stream().map(t -> Map.of("echo", t)).toList();
                });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (JsonOutput json = new JsonOutput(new PrintWriter(out), new PrintWriter(err))) {
            assertThat(task.run(new ByteArrayInputStream(stdin.toString().getBytes(StandardCharsets.UTF_8)), json,
                    LinesProgress.of(new PrintWriter(err), "x", true, false, false))).isEqualTo(1);
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(lines[i]).isEqualTo(bad.contains(i)
                    ? "{\"line\":" + (i + 1) + ",\"error\":\"a bad text\"}" : "{\"echo\":\"good " + i + "\"}");
        }
        int log2 = 32 - Integer.numberOfLeadingZeros(n - 1);
        assertThat(calls[0]).isLessThanOrEqualTo(1 + 2 * bad.size() * log2);
        assertThat(requests[0]).isLessThanOrEqualTo(6L * n);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code {"text": "line i", "i": i}} for i below n, made as they are read, counting the lines handed out. */
    static final class GeneratedLines extends InputStream {
        private final int n;
        private int started;
        private byte[] current = new byte[0];
        private int position;

        GeneratedLines(int n) {
            this.n = n;
        }

        static String line(int i) {
            return "{\"text\": \"line " + i + "\", \"i\": " + i + "}\n";
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int done = 0;
            while (done < len) {
                if (position == current.length) {
                    if (started == n) {
                        break;
                    }
                    current = line(started++).getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                int k = Math.min(len - done, current.length - position);
                System.arraycopy(current, position, b, off + done, k);
                position += k;
                done += k;
            }
            return done == 0 && len > 0 ? -1 : done;
        }
    }

    /** Checks each output line as it arrives (its {@code i} is the next one) and keeps none of them. */
    static final class CheckedLines extends Writer {
        private final GeneratedLines input;
        private final StringBuilder line = new StringBuilder();
        int lines;
        int mostAhead;
        /** The first line that is not the answer to the input line at its place; null when none. */
        String problem;

        CheckedLines(GeneratedLines input) {
            this.input = input;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            for (int k = off; k < off + len; k++) {
                if (chars[k] != '\n') {
                    line.append(chars[k]);
                    continue;
                }
                if (problem == null && !expected(line.toString(), lines)) {
                    problem = "output line " + (lines + 1) + " is " + line;
                }
                lines++;
                mostAhead = Math.max(mostAhead, input.started - lines);
                line.setLength(0);
            }
        }

        private static boolean expected(String line, int i) {
            try {
                JsonNode json = MAPPER.readTree(line);
                return json.path("i").asInt(-1) == i && json.path("text").asText().equals("line " + i);
            } catch (java.io.IOException e) {
                return false;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
