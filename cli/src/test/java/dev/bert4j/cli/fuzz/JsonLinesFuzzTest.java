package dev.bert4j.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.cli.Bert4jCommand;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes on standard input of {@code bert4j tokenize} (JSON Lines mode) end with exit status 0 or 1 and one
 * JSON object on standard output per input line that is not blank: an encoding, or an error naming the line,
 * which is also said on standard error as one {@code line N: why} line. Nothing is thrown. The tokenizer is a small one cut from the real
 * MiniLM tokenizer. Seeds: request lines of the kinds the command documents ({@code scripts/fuzz/seed-corpora.sh}).
 * Long runs: docs/fuzzing.md.
 */
class JsonLinesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_LINE = "line [1-9][0-9]*: \\S.*";
    private static final Path TOKENIZER = writeTokenizer();

    @FuzzTest
    @Timeout(60)
    void answersEveryLine(byte[] stdin) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Bert4jCommand.execute(new String[] {"tokenize", "--model", TOKENIZER.toString(), "--quiet", "--threads", "1"},
                new ByteArrayInputStream(stdin), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as("exit status; stderr: " + err).isIn(0, 1);
        long errors = err.toString().lines().peek(l -> assertThat(l).as("standard error line").matches(ERROR_LINE)).count();
        long answered = 0;
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                JsonNode answer = JSON.readTree(line);
                assertThat(answer.isObject()).as("answer line is a JSON object: " + line).isTrue();
                answered++;
                errors -= answer.has("error") ? 1 : 0;
            }
        }
        assertThat(answered).as("one answer per non-blank input line").isEqualTo(nonBlankLines(stdin));
        assertThat(errors).as("errors on standard error and error answers on standard output").isZero();
    }

    /**
     * Lines as JSON Lines defines them (ended by {@code \n}, a {@code \r} before it dropped) that need an answer:
     * all but the blank ones; a line that is not valid UTF-8 needs one (an error).
     */
    private static long nonBlankLines(byte[] stdin) {
        long n = 0;
        int from = 0;
        for (int i = 0; i <= stdin.length; i++) {
            if (i == stdin.length || stdin[i] == '\n') {
                int end = i > from && stdin[i - 1] == '\r' && i < stdin.length ? i - 1 : i;
                if (end > from || i < stdin.length) {
                    n += needsAnswer(java.util.Arrays.copyOfRange(stdin, from, end)) ? 1 : 0;
                }
                from = i + 1;
            }
        }
        return n;
    }

    private static boolean needsAnswer(byte[] line) {
        try {
            return !java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(line)).toString().isBlank();
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    private static Path writeTokenizer() {
        try (InputStream in = JsonLinesFuzzTest.class.getResourceAsStream("minilm-small-tokenizer.json")) {
            Path dir = Files.createTempDirectory("fuzz-tokenizer");
            Path file = dir.resolve("tokenizer.json");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
