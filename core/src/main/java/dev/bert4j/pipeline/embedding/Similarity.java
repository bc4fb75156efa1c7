package dev.bert4j.pipeline.embedding;

import java.util.List;

/** Cosine similarity between embeddings. */
public final class Similarity {
    private Similarity() {
    }

    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The symmetric matrix of pairwise cosine similarities. */
    public static double[][] matrix(List<float[]> embeddings) {
        int n = embeddings.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                m[i][j] = m[j][i] = cosine(embeddings.get(i), embeddings.get(j));
            }
        }
        return m;
    }
}
