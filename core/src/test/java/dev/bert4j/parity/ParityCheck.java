package dev.bert4j.parity;

import dev.bert4j.model.BertInputs;

/** Compares two (B, T, C) outputs over real tokens and their pooled, normalized embeddings. */
final class ParityCheck {
    double maxAbsDiff;
    double minCosine = 1;
    int sequences;

    void compare(BertInputs in, float[] ours, float[] ref, int C, boolean clsPooling) {
        int T = in.seqLen();
        for (int b = 0; b < in.batchSize(); b++) {
            double[] pa = new double[C];
            double[] pb = new double[C];
            int n = 0;
            for (int t = 0; t < T; t++) {
                if (in.attentionMask()[b * T + t] == 0) {
                    continue;
                }
                n++;
                int off = (b * T + t) * C;
                for (int c = 0; c < C; c++) {
                    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(ours[off + c] - ref[off + c]));
                    if (!clsPooling || t == 0) {
                        pa[c] += ours[off + c];
                        pb[c] += ref[off + c];
                    }
                }
            }
            minCosine = Math.min(minCosine, cosine(pa, pb));
            sequences++;
        }
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
