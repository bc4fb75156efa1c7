package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Dropout;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers the task heads share. */
final class HeadSupport {
    /** The prefix transformers gives the encoder's weights inside a {@code BertFor...} model. */
    static final String BERT_PREFIX = "bert.";
    /** HF's {@code num_labels} when {@code config.json} has no {@code id2label}. */
    static final int DEFAULT_NUM_LABELS = 2;

    private HeadSupport() {
    }

    /** {@code num_labels} as HF defines it: the size of {@code id2label}, 2 when absent. */
    static int numLabels(BertConfig c) {
        return c.id2label().isEmpty() ? DEFAULT_NUM_LABELS : c.id2label().size();
    }

    /** The encoder's weights under {@code bert.}, in module order. */
    static Map<String, Tensor> prefixedEncoder(BertModel bert) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        bert.stateDict().forEach((name, t) -> out.put(BERT_PREFIX + name, t));
        return out;
    }

    /** The encoder's parameters under {@code bert.}, in module order. */
    static Map<String, Parameter> prefixedParameters(BertModel bert) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        bert.parameters().forEach((name, p) -> out.put(BERT_PREFIX + name, p));
        return out;
    }

    /** The dropout before a classifier: {@code classifier_dropout}, else {@code hidden_dropout_prob}, as HF. */
    static double classifierDropout(BertConfig c) {
        return c.classifierDropout() != null ? c.classifierDropout() : c.hiddenDropoutProb();
    }

    /** The forward ForwardOptions of a training step: the activations kept for backward. */
    static final ForwardOptions KEEP = new ForwardOptions(false, false, true);

    /** One training pass through {@code dropout(x) · Wᵀ + b}: the logits and what its backward needs. */
    record LinearPass(float[] logits, float[] input, float[] keep) {
    }

    /** logits (rows, out) = dropout(x) · Wᵀ + b, with dropout probability p when training. */
    static LinearPass linearForward(ComputeContext ctx, Linear head, float[] x, int rows, double p) {
        float[] in = x.clone();
        float[] keep = Dropout.mask(ctx, in.length, p);
        Dropout.apply(in, keep);
        float[] logits = new float[rows * head.outFeatures()];
        head.forward(ctx, logits, in, rows, Activation.IDENTITY);
        return new LinearPass(logits, in, keep);
    }

    /** dx (rows, in) from dLogits, through the Linear and the dropout; adds into the Linear's gradients. */
    static float[] linearBackward(ComputeContext ctx, Linear head, LinearPass pass, float[] dLogits, int rows) {
        float[] dx = new float[pass.input().length];
        head.backward(ctx, dx, dLogits, pass.input(), rows);
        Dropout.apply(dx, pass.keep());
        return dx;
    }

    static void requireLength(String name, int length, long expected, String shape) {
        if (length != expected) {
            throw new BertInputException(name + " must hold " + shape + " = " + expected + " values, got " + length);
        }
    }
}
