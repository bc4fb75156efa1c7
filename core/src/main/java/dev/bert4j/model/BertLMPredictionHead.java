package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * {@code cls.predictions}: {@link BertPredictionHeadTransform}, then the decoder, whose weight is TIED to
 * the word embeddings {@code (V, C)} (HF's {@code tie_word_embeddings}), plus {@code cls.predictions.bias}
 * {@code (V)}. Checkpoints that also store {@code cls.predictions.decoder.weight} (older PyTorch saves) or
 * {@code cls.predictions.decoder.bias} are accepted when they equal the embeddings and the bias; a
 * different decoder would be untied, which BERT checkpoints never are, so it is an error, not silently
 * replaced as HF does.
 */
public final class BertLMPredictionHead {
    static final String PREFIX = "cls.predictions.";

    private final BertPredictionHeadTransform transform;
    private final Linear decoder;

    BertLMPredictionHead(BertConfig c, HeadCheckpoint w) {
        transform = new BertPredictionHeadTransform(c, w);
        int V = c.vocabSize();
        Parameter tied = w.bert().wordEmbeddings();                                          // (V, C), shared
        Tensor embeddings = tied.tensor();
        Tensor bias = w.take(PREFIX + "bias", "(vocab_size)", V);
        if (w.has(PREFIX + "decoder.weight")) {
            requireTied(w.take(PREFIX + "decoder.weight", "(vocab_size, hidden_size)", V, c.hiddenSize()),
                    embeddings, PREFIX + "decoder.weight", "the word embeddings");
        }
        if (w.has(PREFIX + "decoder.bias")) {
            requireTied(w.take(PREFIX + "decoder.bias", "(vocab_size)", V), bias, PREFIX + "decoder.bias",
                    PREFIX + "bias");
        }
        decoder = new Linear(tied, Parameter.of(bias));
    }

    private static void requireTied(Tensor stored, Tensor tiedTo, String name, String what) {
        if (!Arrays.equals(stored.data(), tiedTo.data())) {
            throw new WeightLoadException(WeightLoadException.Kind.SHAPE_MISMATCH, name, "weight '" + name
                    + "' " + stored.shapeString() + " differs from " + what + " " + tiedTo.shapeString()
                    + ", but BERT ties them (tie_word_embeddings); the checkpoint is inconsistent");
        }
    }

    public BertPredictionHeadTransform transform() {
        return transform;
    }

    /** scores (rows, V) = transform(x) · Eᵀ + bias, for x (rows, C): only the rows asked for. */
    public float[] forward(ComputeContext ctx, float[] x, int rows) {
        float[] h = transform.forward(ctx, x, rows);             // (rows, C)
        float[] scores = new float[rows * decoder.outFeatures()]; // (rows, V)
        decoder.forward(ctx, scores, h, rows, Activation.IDENTITY);
        return scores;
    }

    /** What backward needs: the transform's cache and its output (the decoder's input). */
    record Cache(BertPredictionHeadTransform.Cache transform, float[] hidden) {
    }

    /** scores (rows, V) for x (rows, C), keeping what backward needs in {@code cache[0]}. */
    float[] forwardTrain(ComputeContext ctx, float[] x, int rows, Cache[] cache) {
        float[] h = new float[rows * decoder.inFeatures()];                 // (rows, C)
        BertPredictionHeadTransform.Cache t = transform.forwardTrain(ctx, h, x, rows);
        float[] scores = new float[rows * decoder.outFeatures()];           // (rows, V)
        decoder.forward(ctx, scores, h, rows, Activation.IDENTITY);
        cache[0] = new Cache(t, h);
        return scores;
    }

    /** dx (rows, C) from dScores (rows, V); the decoder's weight gradient goes to the word embeddings. */
    float[] backward(ComputeContext ctx, Cache cache, float[] dScores, float[] x, int rows) {
        float[] dh = new float[rows * decoder.inFeatures()];
        decoder.backward(ctx, dh, dScores, cache.hidden(), rows);
        return transform.backward(ctx, cache.transform(), dh, x, rows);
    }

    /**
     * The loss and backward of this head on {@code hidden (rows, C)}: only the rows whose label is not -100
     * go through the transform and the V-wide decoder (the loss is the same as scoring every row, at a
     * fraction of the cost). Adds {@code scale} times the gradient into the head's parameters.
     *
     * @return the loss (NaN when no row has a label) and dHidden (rows, C), or null when no row has one
     */
    MaskedPass trainStep(ComputeContext ctx, float[] hidden, int[] labels, int rows, double scale) {
        int C = decoder.inFeatures();
        int V = decoder.outFeatures();
        Labelled l = labelled(hidden, labels, rows);                                    // (n, C) gathered
        int n = l.rows().length;
        if (n == 0) {
            return new MaskedPass(Double.NaN, null);
        }
        Cache[] cache = new Cache[1];
        float[] scores = forwardTrain(ctx, l.x(), n, cache);                            // (n, V)
        float[] dScores = new float[n * V];
        double loss = new CrossEntropyLoss().backward(dScores, scores, l.y(), n, V, scale);
        float[] dx = backward(ctx, cache[0], dScores, l.x(), n);
        float[] dHidden = new float[rows * C];                                          // scattered back
        for (int i = 0; i < n; i++) {
            System.arraycopy(dx, i * C, dHidden, l.rows()[i] * C, C);
        }
        return new MaskedPass(loss, dHidden);
    }

    /** Scores of the labelled rows of {@code hidden (rows, C)} only: the sums {@link MaskedLmEvaluation} keeps. */
    MaskedLmEvaluation evaluate(ComputeContext ctx, float[] hidden, int[] labels, int rows) {
        Labelled l = labelled(hidden, labels, rows);
        if (l.rows().length == 0) {
            return MaskedLmEvaluation.empty();
        }
        return MaskedLmEvaluation.score(forward(ctx, l.x(), l.rows().length), l.y(), l.rows().length,
                decoder.outFeatures(), false);
    }

    /** The rows of {@code hidden (rows, C)} whose label is not -100: their indices, labels and values (n, C). */
    private record Labelled(int[] rows, int[] y, float[] x) {
    }

    private Labelled labelled(float[] hidden, int[] labels, int rows) {
        int C = decoder.inFeatures();
        int n = 0;
        for (int label : labels) {
            n += label == CrossEntropyLoss.IGNORE_INDEX ? 0 : 1;
        }
        int[] at = new int[n];
        int[] y = new int[n];
        float[] x = new float[n * C];
        for (int r = 0, i = 0; r < rows; r++) {
            if (labels[r] != CrossEntropyLoss.IGNORE_INDEX) {
                at[i] = r;
                y[i] = labels[r];
                System.arraycopy(hidden, r * C, x, i * C, C);
                i++;
            }
        }
        return new Labelled(at, y, x);
    }

    /** The masked-LM loss of a training step and the gradient of the hidden states it read. */
    record MaskedPass(double loss, float[] dHidden) {
    }

    /** The head's own parameters (the decoder weight is the word embeddings, named there). */
    void parameters(Map<String, Parameter> out) {
        transform.parameters(out);
        out.put(PREFIX + "bias", decoder.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        transform.stateDict(out);
        out.put(PREFIX + "bias", decoder.bias());
    }
}
