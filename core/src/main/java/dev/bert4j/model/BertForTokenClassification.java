package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * HF's {@code BertForTokenClassification}: {@code classifier}, a Linear (num_labels, C) on every token of
 * the last hidden state (no pooler). Immutable, thread-safe.
 */
public final class BertForTokenClassification implements BertTaskModel {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private final BertModel bert;
    private final Linear classifier;
    private final int numLabels;

    private BertForTokenClassification(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        numLabels = HeadSupport.numLabels(config);
        classifier = new Linear(w.take("classifier.weight", "(num_labels, hidden_size)", numLabels,
                config.hiddenSize()), w.take("classifier.bias", "(num_labels)", numLabels));
        w.finish();
    }

    public static BertForTokenClassification fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForTokenClassification(config,
                new HeadCheckpoint(HeadKind.TOKEN_CLASSIFICATION, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.TOKEN_CLASSIFICATION;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    public int numLabels() {
        return numLabels;
    }

    public TokenClassifierOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, null, ForwardOptions.DEFAULT);
    }

    /** Logits (N, num_labels) of a packed batch, inference only: sequence b is rows [starts[b], starts[b+1]). */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs) {
        return forwardPacked(ctx, inputs, new BertWorkspace());
    }

    /** {@link #forwardPacked(ComputeContext, PackedInputs)} in {@code ws}, which a caller reuses across batches. */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs, BertWorkspace ws) {
        int N = inputs.tokens();
        PackedOutput out = bert.forwardPacked(ctx, inputs, ws);
        float[] logits = new float[N * numLabels];                                   // (N, num_labels)
        classifier.forward(ctx, logits, out.lastHiddenState(), N, Activation.IDENTITY);
        return logits;
    }

    /** @param labels (B*T) label ids, -100 where no loss is taken (special tokens, padding); null for no loss */
    public TokenClassifierOutput forward(ComputeContext ctx, BertInputs inputs, int[] labels, ForwardOptions opts) {
        int B = inputs.batchSize();
        int T = inputs.seqLen();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] logits = new float[B * T * numLabels];                               // (B*T, num_labels)
        classifier.forward(ctx, logits, out.lastHiddenState().data(), B * T, Activation.IDENTITY);
        Double loss = null;
        if (labels != null) {
            HeadSupport.requireLength("labels", labels.length, (long) B * T, "(B, T)");
            loss = LOSS.forward(logits, labels, B * T, numLabels);
        }
        return new TokenClassifierOutput(loss, new Tensor(new int[] {B, T, numLabels}, logits), out);
    }

    /**
     * One training step: forward with dropout, cross-entropy over the labels (-100 ignored), backward with
     * the gradient scaled by {@code lossScale}.
     *
     * @return the loss (unscaled); NaN, with no gradient, when every label is ignored
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int[] labels, double lossScale) {
        int rows = inputs.batchSize() * inputs.seqLen();
        HeadSupport.requireLength("labels", labels.length, rows, "(B, T)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        HeadSupport.LinearPass pass = HeadSupport.linearForward(ctx, classifier, out.lastHiddenState().data(), rows,
                HeadSupport.classifierDropout(config()));                             // (B*T, num_labels)
        float[] dLogits = new float[rows * numLabels];
        double loss = LOSS.backward(dLogits, pass.logits(), labels, rows, numLabels, lossScale);
        if (!Double.isNaN(loss)) {
            float[] dLast = HeadSupport.linearBackward(ctx, classifier, pass, dLogits, rows);
            bert.backward(ctx, out.cache(), dLast, null);
        }
        return loss;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        out.put("classifier.weight", classifier.weightParameter());
        out.put("classifier.bias", classifier.biasParameter());
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        out.put("classifier.weight", classifier.weight());
        out.put("classifier.bias", classifier.bias());
        return out;
    }
}
