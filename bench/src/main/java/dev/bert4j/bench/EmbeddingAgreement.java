package dev.bert4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks that two JSON Lines files of {@code {"text": ..., "embedding": [...]}} (one from {@code bert4j embed},
 * one from {@link OrtOneShot} or {@link OrtCorpus}) hold the same texts in the same order with vectors whose
 * cosine is at least the threshold on every line. Prints the line count and the lowest cosine; exits 1 when
 * they disagree.
 *
 * <p>Run: {@code EmbeddingAgreement A.jsonl B.jsonl [min cosine (0.9999)]}.
 */
public final class EmbeddingAgreement {
    /** Lowest cosine accepted between the two runtimes' vectors of one text. */
    static final double MIN_COSINE = 0.9999;

    /** What a comparison found: how many lines, and the lowest cosine with its (1-based) line. */
    record Agreement(int lines, double lowestCosine, int lowestLine) {}

    private EmbeddingAgreement() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: EmbeddingAgreement A.jsonl B.jsonl [min cosine]");
            System.exit(2);
        }
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : MIN_COSINE;
        Agreement a = compare(Path.of(args[0]), Path.of(args[1]));
        System.out.printf(Locale.ROOT, "%d lines, lowest cosine %.6f (line %d)%n", a.lines(), a.lowestCosine(),
                a.lowestLine());
        if (a.lines() == 0 || !(a.lowestCosine() >= threshold)) {
            System.err.printf(Locale.ROOT, "the embeddings disagree: lowest cosine %.6f < %.6f%n", a.lowestCosine(),
                    threshold);
            System.exit(1);
        }
    }

    static Agreement compare(Path a, Path b) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader ra = Files.newBufferedReader(a, StandardCharsets.UTF_8);
             BufferedReader rb = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
            int n = 0;
            int lowestLine = 0;
            double lowest = 1;
            for (String la = ra.readLine(), lb = rb.readLine(); la != null || lb != null;
                 la = ra.readLine(), lb = rb.readLine()) {
                n++;
                if (la == null || lb == null) {
                    throw new IllegalStateException("line " + n + ": " + (la == null ? a : b) + " ended early");
                }
                JsonNode x = json.readTree(la);
                JsonNode y = json.readTree(lb);
                if (!x.path("text").asText().equals(y.path("text").asText())) {
                    throw new IllegalStateException("line " + n + ": the texts differ");
                }
                double c = cosine(x.path("embedding"), y.path("embedding"), n);
                if (c < lowest || n == 1) {
                    lowest = c;
                    lowestLine = n;
                }
            }
            return new Agreement(n, lowest, lowestLine);
        }
    }

    private static double cosine(JsonNode x, JsonNode y, int line) {
        if (!x.isArray() || x.size() == 0 || x.size() != y.size()) {
            throw new IllegalStateException("line " + line + ": embeddings of " + x.size() + " and " + y.size()
                    + " numbers");
        }
        double dot = 0, nx = 0, ny = 0;
        for (int j = 0; j < x.size(); j++) {
            double p = x.get(j).asDouble();
            double q = y.get(j).asDouble();
            dot += p * q;
            nx += p * p;
            ny += q * q;
        }
        return dot / Math.sqrt(nx * ny);
    }
}
