package dev.bert4j.nn;

import dev.bert4j.tensor.Tensor;

/** {@code nn.Embedding}: a lookup table {@code weight (num_embeddings, embedding_dim)}. */
public final class Embedding {
    private final Parameter weight;

    public Embedding(Parameter weight) {
        this.weight = weight;
    }

    public Embedding(Tensor weight) {
        this(Parameter.of(weight));
    }

    public Parameter weightParameter() {
        return weight;
    }

    public Tensor weight() {
        return weight.tensor();
    }

    public int numEmbeddings() {
        return weight.dim(0);
    }

    /** y[off .. off+dim) += weight[index]. */
    public void addRow(float[] y, int off, int index) {
        int dim = weight.dim(1);
        float[] w = weight.data();
        int src = index * dim;
        for (int c = 0; c < dim; c++) {
            y[off + c] += w[src + c];
        }
    }

    /** The backward of {@link #addRow}: {@code grad[index] += dy[off .. off+dim)}; only looked-up rows are touched. */
    public void backwardRow(float[] dy, int off, int index) {
        int dim = weight.dim(1);
        float[] g = weight.grad();
        int dst = index * dim;
        for (int c = 0; c < dim; c++) {
            g[dst + c] += dy[off + c];
        }
    }
}
