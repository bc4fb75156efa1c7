package dev.bert4j.viz;

import dev.bert4j.model.BertModel;
import dev.bert4j.tensor.Tensor;

import java.util.Objects;

/**
 * A model's learned absolute position embeddings beside the sinusoidal encoding of "Attention Is All You Need"
 * (Vaswani et al., 2017) of the same size, each with the cosine similarity between every two positions.
 *
 * @param model                 a name for the model
 * @param learned               {@code embeddings.position_embeddings.weight}, (P, C)
 * @param learnedSimilarity     cosine similarity of the learned rows, (P, P); 1 on the diagonal
 * @param sinusoidal            the sinusoidal encoding, (P, C)
 * @param sinusoidalSimilarity  cosine similarity of its rows, (P, P)
 */
public record PositionalReport(String model, Tensor learned, Tensor learnedSimilarity, Tensor sinusoidal,
                               Tensor sinusoidalSimilarity) {
    public static final String WEIGHT = "embeddings.position_embeddings.weight";

    public PositionalReport {
        Objects.requireNonNull(model, "model");
        int P = learned.dim(0);
        int C = learned.dim(1);
        if (!sinusoidal.hasShape(P, C) || !learnedSimilarity.hasShape(P, P) || !sinusoidalSimilarity.hasShape(P, P)) {
            throw new IllegalArgumentException("positional tensors disagree: " + learned.shapeString() + ", "
                    + sinusoidal.shapeString() + ", " + learnedSimilarity.shapeString() + ", "
                    + sinusoidalSimilarity.shapeString());
        }
    }

    /** The report for {@code model}'s position embedding table. */
    public static PositionalReport of(String name, BertModel model) {
        Tensor learned = model.stateDict().get(WEIGHT);                       // (P, C)
        Tensor sin = sinusoidal(learned.dim(0), learned.dim(1));               // (P, C)
        return new PositionalReport(name, learned, cosineSimilarity(learned), sin, cosineSimilarity(sin));
    }

    public int positions() {
        return learned.dim(0);
    }

    public int hiddenSize() {
        return learned.dim(1);
    }

    /**
     * {@code PE(pos, 2i) = sin(pos / 10000^(2i/C))}, {@code PE(pos, 2i+1) = cos(pos / 10000^(2i/C))}, for positions
     * 0 to P-1 and C dimensions, computed in double precision.
     */
    public static Tensor sinusoidal(int positions, int dims) {
        float[] out = new float[positions * dims];
        for (int pos = 0; pos < positions; pos++) {
            for (int d = 0; d < dims; d++) {
                int twoI = d - d % 2;
                double angle = pos / Math.pow(10000, twoI / (double) dims);
                out[pos * dims + d] = (float) (d % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return new Tensor(new int[] {positions, dims}, out);
    }

    /**
     * The cosine similarity of every two rows of a (P, C) matrix, (P, P), in double precision. A row of zeros has
     * similarity 1 with itself and 0 with any other row.
     */
    public static Tensor cosineSimilarity(Tensor rows) {
        int P = rows.dim(0);
        int C = rows.dim(1);
        float[] x = rows.data();
        double[] norm = new double[P];
        for (int p = 0; p < P; p++) {
            double s = 0;
            for (int c = 0; c < C; c++) {
                s += (double) x[p * C + c] * x[p * C + c];
            }
            norm[p] = Math.sqrt(s);
        }
        float[] out = new float[P * P];
        for (int p = 0; p < P; p++) {
            for (int q = p; q < P; q++) {
                double dot = 0;
                for (int c = 0; c < C; c++) {
                    dot += (double) x[p * C + c] * x[q * C + c];
                }
                double zero = p == q ? 1 : 0;                           // a row of zeros has no direction
                float cos = (float) (norm[p] == 0 || norm[q] == 0 ? zero : dot / (norm[p] * norm[q]));
                out[p * P + q] = cos;
                out[q * P + p] = cos;
            }
        }
        return new Tensor(new int[] {P, P}, out);
    }
}
