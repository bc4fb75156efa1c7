package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * HF's {@code BertForNextSentencePrediction}: {@code cls.seq_relationship}, a Linear (2, C) on the pooler
 * output. Logit 0 means sequence B follows A, logit 1 that B is random. Immutable, thread-safe.
 */
public final class BertForNextSentencePrediction implements BertTaskModel {
    static final String PREFIX = "cls.seq_relationship.";
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private final BertModel bert;
    private final Linear seqRelationship;
    private final Set<String> ignoredWeights;

    private BertForNextSentencePrediction(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        seqRelationship = seqRelationship(config, w);
        w.finish();
        ignoredWeights = w.ignored();
    }

    static Linear seqRelationship(BertConfig c, HeadCheckpoint w) {
        return new Linear(w.take(PREFIX + "weight", "(2, hidden_size)", 2, c.hiddenSize()),
                w.take(PREFIX + "bias", "(2)", 2));
    }

    /** From a checkpoint's weights; a pre-training checkpoint's masked-LM head is ignored. */
    public static BertForNextSentencePrediction fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForNextSentencePrediction(config,
                new HeadCheckpoint(HeadKind.NEXT_SENTENCE_PREDICTION, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.NEXT_SENTENCE_PREDICTION;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    /** Weights of the checkpoint this head left unused ({@code cls.predictions.*} of a pre-training one). */
    public Set<String> ignoredWeights() {
        return ignoredWeights;
    }

    public NextSentencePredictorOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, null, ForwardOptions.DEFAULT);
    }

    /** Logits (B, 2) of a packed batch of pairs, inference only (0 = B follows A). */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs) {
        return forwardPacked(ctx, inputs, new BertWorkspace());
    }

    /** {@link #forwardPacked(ComputeContext, PackedInputs)} in {@code ws}, which a caller reuses across batches. */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs, BertWorkspace ws) {
        int B = inputs.batchSize();
        PackedOutput out = bert.forwardPacked(ctx, inputs, ws);
        float[] logits = new float[B * 2];                                           // (B, 2)
        seqRelationship.forward(ctx, logits, out.pooled(), B, Activation.IDENTITY);
        return logits;
    }

    /** @param labels (B) 0 when B follows A, 1 when it is random; null for no loss */
    public NextSentencePredictorOutput forward(ComputeContext ctx, BertInputs inputs, int[] labels,
                                               ForwardOptions opts) {
        int B = inputs.batchSize();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] logits = new float[B * 2];                                           // (B, 2)
        seqRelationship.forward(ctx, logits, out.poolerOutput().data(), B, Activation.IDENTITY);
        Double loss = null;
        if (labels != null) {
            HeadSupport.requireLength("next_sentence_label", labels.length, B, "(B)");
            loss = LOSS.forward(logits, labels, B, 2);
        }
        return new NextSentencePredictorOutput(loss, new Tensor(new int[] {B, 2}, logits), out);
    }

    /**
     * One training step: forward with dropout, cross-entropy of the labels (0 = B follows A), backward
     * with the gradient scaled by {@code lossScale}.
     *
     * @return the loss (unscaled)
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int[] labels, double lossScale) {
        int B = inputs.batchSize();
        HeadSupport.requireLength("next_sentence_label", labels.length, B, "(B)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        HeadSupport.LinearPass pass = HeadSupport.linearForward(ctx, seqRelationship, out.poolerOutput().data(),
                B, 0);                                                                       // (B, 2)
        float[] dLogits = new float[B * 2];
        double loss = LOSS.backward(dLogits, pass.logits(), labels, B, 2, lossScale);
        bert.backward(ctx, out.cache(), null, HeadSupport.linearBackward(ctx, seqRelationship, pass, dLogits, B));
        return loss;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        out.put(PREFIX + "weight", seqRelationship.weightParameter());
        out.put(PREFIX + "bias", seqRelationship.biasParameter());
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        out.put(PREFIX + "weight", seqRelationship.weight());
        out.put(PREFIX + "bias", seqRelationship.bias());
        return out;
    }
}
