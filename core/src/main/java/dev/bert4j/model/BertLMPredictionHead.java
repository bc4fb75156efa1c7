package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
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
        Tensor embeddings = w.bert().stateDict().get("embeddings.word_embeddings.weight");   // (V, C)
        Tensor bias = w.take(PREFIX + "bias", "(vocab_size)", V);
        if (w.has(PREFIX + "decoder.weight")) {
            requireTied(w.take(PREFIX + "decoder.weight", "(vocab_size, hidden_size)", V, c.hiddenSize()),
                    embeddings, PREFIX + "decoder.weight", "the word embeddings");
        }
        if (w.has(PREFIX + "decoder.bias")) {
            requireTied(w.take(PREFIX + "decoder.bias", "(vocab_size)", V), bias, PREFIX + "decoder.bias",
                    PREFIX + "bias");
        }
        decoder = new Linear(embeddings, bias);
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

    void stateDict(Map<String, Tensor> out) {
        transform.stateDict(out);
        out.put(PREFIX + "bias", decoder.bias());
    }
}
