package dev.bert4j.viz;

import dev.bert4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Summaries of attention probabilities, in double precision: per head {@link HeadSummary} (entropy and the shares
 * on {@code [CLS]}, {@code [SEP]} and the token itself), and attention rollout (Abnar and Zuidema, 2020,
 * "Quantifying Attention Flow in Transformers").
 */
public final class AttentionSummaries {
    private AttentionSummaries() {
    }

    /**
     * One summary per layer and head, layer by layer.
     *
     * @param attentions one (H, T, T) tensor per layer, rows are query positions and sum to 1
     * @param isCls      which positions hold {@code [CLS]}
     * @param isSep      which positions hold {@code [SEP]}
     */
    public static List<HeadSummary> heads(List<Tensor> attentions, boolean[] isCls, boolean[] isSep) {
        List<HeadSummary> out = new ArrayList<>();
        for (int l = 0; l < attentions.size(); l++) {
            Tensor a = attentions.get(l);                                       // (H, T, T)
            for (int h = 0; h < a.dim(0); h++) {
                out.add(head(a, l, h, isCls, isSep));
            }
        }
        return List.copyOf(out);
    }

    private static HeadSummary head(Tensor a, int layer, int h, boolean[] isCls, boolean[] isSep) {
        int T = a.dim(1);
        float[] p = a.data();
        double entropy = 0;
        double cls = 0;
        double sep = 0;
        double self = 0;
        for (int i = 0; i < T; i++) {
            int row = (h * T + i) * T;
            for (int j = 0; j < T; j++) {
                double v = p[row + j];
                if (v > 0) {
                    entropy -= v * Math.log(v);
                }
                cls += isCls[j] ? v : 0;
                sep += isSep[j] ? v : 0;
            }
            self += p[row + i];
        }
        return new HeadSummary(layer, h, entropy / T, cls / T, sep / T, self / T);
    }

    /**
     * The attention rollout matrix (T, T): per layer the heads' mean {@code A}, with the residual connection
     * {@code A + I} and rows renormalized, multiplied through the layers ({@code R = Â_L ... Â_1}). Row i says how
     * much of position i's last-layer representation flows from each input token; every row sums to 1.
     */
    public static double[][] rolloutMatrix(List<Tensor> attentions) {
        int T = attentions.getFirst().dim(1);
        double[][] r = identity(T);
        for (Tensor a : attentions) {
            r = multiply(residualMean(a), r);                                   // Â_l · R
        }
        return r;
    }

    /** Row {@code from} of {@link #rolloutMatrix}: the flow from each input token to position {@code from}. */
    public static double[] rollout(List<Tensor> attentions, int from) {
        return rolloutMatrix(attentions)[from];
    }

    /** (A_mean + I) with rows renormalized, for one layer's (H, T, T) probabilities. */
    static double[][] residualMean(Tensor a) {
        int H = a.dim(0);
        int T = a.dim(1);
        double[][] m = new double[T][T];
        float[] p = a.data();
        for (int h = 0; h < H; h++) {
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    m[i][j] += p[(h * T + i) * T + j] / (double) H;     // mean over heads
                }
            }
        }
        for (int i = 0; i < T; i++) {
            m[i][i] += 1;                                               // + I (the residual connection)
            double sum = 0;
            for (double v : m[i]) {
                sum += v;
            }
            for (int j = 0; j < T; j++) {
                m[i][j] /= sum;                                         // rows sum to 1 again
            }
        }
        return m;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
