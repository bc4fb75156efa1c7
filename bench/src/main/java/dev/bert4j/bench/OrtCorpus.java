package dev.bert4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus embedded the ONNX Runtime way, as a whole process: JSON Lines {@code {"text": ...}} on standard input,
 * {@code {"text": ..., "embedding": [...]}} on standard output, like {@code bert4j embed}. Texts go to ORT in
 * arrival order, {@value OrtSentenceEncoder#BATCH_SIZE} at a time, padded to the longest of the batch and cut at
 * {@value OrtSentenceEncoder#MAX_LENGTH} tokens (see {@link OrtSentenceEncoder}).
 *
 * <p>Run by {@code scripts/bench/corpus-process.sh}: {@code OrtCorpus MODEL_DIR THREADS < in.jsonl > out.jsonl},
 * THREADS being ORT's intra-op threads. No bert4j class is loaded.
 */
public final class OrtCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrtCorpus() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OrtCorpus MODEL_DIR THREADS < in.jsonl > out.jsonl");
            System.exit(2);
        }
        try (OrtSentenceEncoder encoder = OrtSentenceEncoder.open(Path.of(args[0]), Integer.parseInt(args[1]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> batch = new ArrayList<>(OrtSentenceEncoder.BATCH_SIZE);
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                batch.add(text(line, lineNo));
                if (batch.size() == OrtSentenceEncoder.BATCH_SIZE) {
                    write(out, batch, encoder.embed(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                write(out, batch, encoder.embed(batch));
            }
        }
    }

    private static String text(String line, int lineNo) throws Exception {
        JsonNode text = JSON.readTree(line).get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("line " + lineNo + ": no \"text\" string");
        }
        return text.asText();
    }

    private static void write(Writer out, List<String> texts, float[][] vectors) throws Exception {
        for (int i = 0; i < vectors.length; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("text", texts.get(i));
            line.put("embedding", vectors[i]);
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        }
    }
}
