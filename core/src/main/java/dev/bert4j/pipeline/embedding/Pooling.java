package dev.bert4j.pipeline.embedding;

import dev.bert4j.io.PoolingMode;

import java.util.List;

/**
 * sentence-transformers' {@code Pooling} over one sequence's token vectors {@code (T, C)} with its
 * attention mask. Several modes are concatenated in sentence-transformers' order: cls, max, mean,
 * mean_sqrt_len_tokens, weightedmean, lasttoken.
 */
public final class Pooling {
    private static final List<PoolingMode> ORDER = List.of(PoolingMode.CLS, PoolingMode.MAX, PoolingMode.MEAN,
            PoolingMode.MEAN_SQRT_LEN_TOKENS, PoolingMode.WEIGHTED_MEAN, PoolingMode.LAST_TOKEN);
    /** sentence-transformers clamps the token count with this value before dividing. */
    private static final double MIN_COUNT = 1e-9;

    private Pooling() {
    }

    /** Pools {@code hidden[off .. off + T*C)} (row-major (T, C)) with {@code mask[maskOff .. maskOff + T)}. */
    public static float[] pool(List<PoolingMode> modes, float[] hidden, int off, int[] mask, int maskOff, int T, int C) {
        List<PoolingMode> ordered = ORDER.stream().filter(modes::contains).toList();
        float[] out = new float[ordered.size() * C];
        for (int m = 0; m < ordered.size(); m++) {
            double[] v = one(ordered.get(m), hidden, off, mask, maskOff, T, C);
            for (int c = 0; c < C; c++) {
                out[m * C + c] = (float) v[c];
            }
        }
        return out;
    }

    private static double[] one(PoolingMode mode, float[] h, int off, int[] mask, int mOff, int T, int C) {
        double[] v = new double[C];
        double weight = 0;
        int last = 0;
        if (mode == PoolingMode.MAX) {
            java.util.Arrays.fill(v, -1e9);
        }
        for (int t = 0; t < T; t++) {
            if (mask[mOff + t] == 0) {
                continue;
            }
            last = t;
            double w = mode == PoolingMode.WEIGHTED_MEAN ? t + 1 : 1;
            weight += w;
            for (int c = 0; c < C; c++) {
                double x = h[off + t * C + c];
                v[c] = mode == PoolingMode.MAX ? Math.max(v[c], x) : v[c] + w * x;
            }
        }
        double divisor = switch (mode) {
            case MEAN, WEIGHTED_MEAN -> Math.max(weight, MIN_COUNT);
            case MEAN_SQRT_LEN_TOKENS -> Math.sqrt(Math.max(weight, MIN_COUNT));
            default -> 1;
        };
        if (mode == PoolingMode.CLS || mode == PoolingMode.LAST_TOKEN) {
            int t = mode == PoolingMode.CLS ? 0 : last;
            for (int c = 0; c < C; c++) {
                v[c] = h[off + t * C + c];
            }
        }
        for (int c = 0; c < C; c++) {
            v[c] /= divisor;
        }
        return v;
    }

    /** L2 normalization as torch's {@code F.normalize} (norm clamped at 1e-12). */
    public static void normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        double inv = 1 / Math.max(Math.sqrt(n), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }
}
