package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bert4j.pipeline.Futures;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code bert4j tokenize}: token ids, tokens, type ids, mask and offsets as JSON. */
@Command(
        name = "tokenize",
        description = {
                "Tokenize TEXT (and --pair) and print one JSON object.",
                "With no TEXT, read JSON Lines {\"text\": ..., \"text_pair\": ...} from standard input"
                        + " and write one JSON line per input, in order."})
final class TokenizeCommand implements Callable<Integer> {

    /** JSON Lines: a text (and pair) in, an encoding's fields out. */
    static final Fields FIELDS = new Fields(Set.of("text", "text_pair"),
            Set.of("ids", "tokens", "type_ids", "attention_mask", "offsets", "overflowing"));

    @ParentCommand Bert4jCommand parent;

    @Mixin TokenizerOptions tokenizerOptions;

    @Option(names = "--pair", paramLabel = "TEXT_B", description = "Second text of a sentence pair.")
    String pair;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for JSON Lines input, 1 to 4 per available processor (default: one per processor).")
    Integer threads;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "Text to tokenize; omit to read JSON Lines.")
    String text;

    @Override
    public Integer call() throws IOException {
        Tokenizer tokenizer = tokenizerOptions.tokenizer();
        try (JsonOutput out = new JsonOutput(tokenizerOptions.out(), tokenizerOptions.err())) {
            if (text != null) {
                Encoding encoding = pair == null ? tokenizer.encode(text) : tokenizer.encode(text, pair);
                out.line(g -> write(g, encoding));
                return 0;
            }
            if (pair != null) {
                throw new IllegalArgumentException("--pair needs TEXT; in JSON Lines mode give \"text_pair\" on each line");
            }
            readJsonLines(tokenizer, out);
            return out.status();
        }
    }

    private void readJsonLines(Tokenizer tokenizer, JsonOutput out) {
        int n = ThreadCount.resolve(threads);
        var input = new JsonLinesInput(parent.in(), FIELDS, JsonLinesInput.Window.DEFAULT);
        try (ExecutorService pool = Executors.newFixedThreadPool(n);
             LinesProgress progress = tokenizerOptions.progress("Tokenizing", parent)) {
            input.forEachWindow(window -> {
                encodeWindow(tokenizer, pool, window, out);
                progress.answered(window.size());
            });
        }
    }

    private static void encodeWindow(Tokenizer tokenizer, ExecutorService pool, List<JsonLinesInput.Line> lines, JsonOutput out) {
        List<String> texts = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        boolean anyPair = false;
        for (JsonLinesInput.Line line : lines) {
            if (line.ok() && line.text("text") != null) {
                texts.add(line.text("text"));
                pairs.add(line.text("text_pair"));
                anyPair |= line.text("text_pair") != null;
            }
        }
        List<Encoding> encodings = anyPair ? encodeMixed(tokenizer, pool, texts, pairs) : tokenizer.encodeBatch(texts, pool);
        int next = 0;
        for (JsonLinesInput.Line line : lines) {
            if (!line.ok()) {
                out.error(line, line.error());
            } else if (line.text("text") == null) {
                out.error(line, Fields.missing(line, "text"));
            } else {
                Encoding encoding = encodings.get(next++);
                out.answer(line, g -> writeEncoding(g, encoding));
            }
        }
    }

    /** A window where some lines are pairs and some are single texts: each line keeps its own shape. */
    private static List<Encoding> encodeMixed(Tokenizer tokenizer, ExecutorService pool, List<String> texts, List<String> pairs) {
        List<java.util.concurrent.Future<Encoding>> futures = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String a = texts.get(i);
            String b = pairs.get(i);
            futures.add(pool.submit(() -> b == null ? tokenizer.encode(a) : tokenizer.encode(a, b)));
        }
        List<Encoding> encodings = new ArrayList<>(futures.size());
        for (var future : futures) {
            encodings.add(Futures.join(future));
        }
        return encodings;
    }

    static void write(JsonGenerator g, Encoding e) throws IOException {
        g.writeStartObject();
        writeEncoding(g, e);
        g.writeEndObject();
    }

    /** The fields of one encoding, with its overflowing windows. */
    private static void writeEncoding(JsonGenerator g, Encoding e) throws IOException {
        writeFields(g, e);
        if (!e.overflowing().isEmpty()) {
            g.writeArrayFieldStart("overflowing");
            for (Encoding window : e.overflowing()) {
                g.writeStartObject();
                writeFields(g, window);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void writeFields(JsonGenerator g, Encoding e) throws IOException {
        JsonOutput.intArray(g, "ids", e.ids());
        g.writeArrayFieldStart("tokens");
        for (String token : e.tokens()) {
            g.writeString(token);
        }
        g.writeEndArray();
        JsonOutput.intArray(g, "type_ids", e.typeIds());
        JsonOutput.intArray(g, "attention_mask", e.attentionMask());
        g.writeArrayFieldStart("offsets");
        for (int i = 0; i < e.length(); i++) {
            g.writeStartArray();
            g.writeNumber(e.start(i));
            g.writeNumber(e.end(i));
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
