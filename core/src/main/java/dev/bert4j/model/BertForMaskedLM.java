package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * HF's {@code BertForMaskedLM}: the encoder (no pooler) and {@code cls.predictions}
 * ({@link BertLMPredictionHead}, decoder tied to the word embeddings). Immutable, thread-safe.
 */
public final class BertForMaskedLM implements BertTaskModel {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private final BertModel bert;
    private final BertLMPredictionHead cls;
    private final Set<String> ignoredWeights;

    private BertForMaskedLM(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        cls = new BertLMPredictionHead(config, w);
        w.finish();
        ignoredWeights = w.ignored();
    }

    /** From a checkpoint's weights (encoder and head); a pre-training checkpoint's NSP head is ignored. */
    public static BertForMaskedLM fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForMaskedLM(config, new HeadCheckpoint(HeadKind.MASKED_LM, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.MASKED_LM;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    /** {@code cls.predictions}, to score only some positions (the fill-mask pipeline does). */
    public BertLMPredictionHead cls() {
        return cls;
    }

    /** Weights of the checkpoint this head left unused ({@code cls.seq_relationship.*} of a pre-training one). */
    public Set<String> ignoredWeights() {
        return ignoredWeights;
    }

    public MaskedLMOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, null, ForwardOptions.DEFAULT);
    }

    /** @param labels (B*T) token ids to predict, -100 where no loss is taken; null for no loss */
    public MaskedLMOutput forward(ComputeContext ctx, BertInputs inputs, int[] labels, ForwardOptions opts) {
        int B = inputs.batchSize();
        int T = inputs.seqLen();
        int V = config().vocabSize();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] scores = cls.forward(ctx, out.lastHiddenState().data(), B * T);     // (B*T, V)
        Double loss = null;
        if (labels != null) {
            HeadSupport.requireLength("labels", labels.length, (long) B * T, "(B, T)");
            loss = LOSS.forward(scores, labels, B * T, V);
        }
        return new MaskedLMOutput(loss, new Tensor(new int[] {B, T, V}, scores), out);
    }

    /**
     * One training step: forward with dropout, cross-entropy over the labelled positions (only those go
     * through the decoder), backward with the gradient scaled by {@code lossScale}.
     *
     * @return the loss (unscaled); NaN, with no gradient, when no position has a label
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int[] labels, double lossScale) {
        int rows = inputs.batchSize() * inputs.seqLen();
        HeadSupport.requireLength("labels", labels.length, rows, "(B, T)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        BertLMPredictionHead.MaskedPass mlm = cls.trainStep(ctx, out.lastHiddenState().data(), labels, rows,
                lossScale);
        if (mlm.dHidden() != null) {
            bert.backward(ctx, out.cache(), mlm.dHidden(), null);
        }
        return mlm.loss();
    }

    /** Masked-LM loss and accuracy sums over the labelled positions of a batch (no dropout, no gradient). */
    public MaskedLmEvaluation evaluate(ComputeContext ctx, BertInputs inputs, int[] labels) {
        int rows = inputs.batchSize() * inputs.seqLen();
        HeadSupport.requireLength("labels", labels.length, rows, "(B, T)");
        BertModelOutput out = bert.forward(ctx, inputs);
        return cls.evaluate(ctx, out.lastHiddenState().data(), labels, rows);
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        cls.parameters(out);
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        cls.stateDict(out);
        return out;
    }
}
