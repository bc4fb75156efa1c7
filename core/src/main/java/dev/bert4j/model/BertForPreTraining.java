package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * HF's {@code BertForPreTraining}: both pre-training heads ({@code cls.predictions} on every token,
 * {@code cls.seq_relationship} on the pooler output). Immutable, thread-safe.
 */
public final class BertForPreTraining implements BertTaskModel {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private final BertModel bert;
    private final BertLMPredictionHead predictions;
    private final Linear seqRelationship;

    private BertForPreTraining(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        predictions = new BertLMPredictionHead(config, w);
        seqRelationship = BertForNextSentencePrediction.seqRelationship(config, w);
        w.finish();
    }

    public static BertForPreTraining fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForPreTraining(config, new HeadCheckpoint(HeadKind.PRE_TRAINING, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.PRE_TRAINING;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    public BertLMPredictionHead predictions() {
        return predictions;
    }

    public BertForPreTrainingOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, null, null, ForwardOptions.DEFAULT);
    }

    /**
     * @param labels            (B*T) token ids, -100 where no loss is taken
     * @param nextSentenceLabel (B) 0 = B follows A, 1 = random; the loss (MLM + NSP) needs both, as in HF
     */
    public BertForPreTrainingOutput forward(ComputeContext ctx, BertInputs inputs, int[] labels,
                                            int[] nextSentenceLabel, ForwardOptions opts) {
        int B = inputs.batchSize();
        int T = inputs.seqLen();
        int V = config().vocabSize();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] scores = predictions.forward(ctx, out.lastHiddenState().data(), B * T);   // (B*T, V)
        float[] nsp = new float[B * 2];                                                     // (B, 2)
        seqRelationship.forward(ctx, nsp, out.poolerOutput().data(), B, Activation.IDENTITY);
        Double loss = null;
        if (labels != null && nextSentenceLabel != null) {
            HeadSupport.requireLength("labels", labels.length, (long) B * T, "(B, T)");
            HeadSupport.requireLength("next_sentence_label", nextSentenceLabel.length, B, "(B)");
            loss = LOSS.forward(scores, labels, B * T, V) + LOSS.forward(nsp, nextSentenceLabel, B, 2);
        }
        return new BertForPreTrainingOutput(loss, new Tensor(new int[] {B, T, V}, scores),
                new Tensor(new int[] {B, 2}, nsp), out);
    }

    /**
     * One training step: forward with dropout, masked-LM cross-entropy (labelled positions only through the
     * decoder) plus next-sentence cross-entropy, backward with the gradient scaled by {@code lossScale}.
     *
     * @return the two losses (unscaled); their sum is HF's {@code loss}
     */
    public PreTrainingLoss trainStep(ComputeContext ctx, BertInputs inputs, int[] labels, int[] nextSentenceLabel,
                                     double lossScale) {
        int B = inputs.batchSize();
        int rows = B * inputs.seqLen();
        HeadSupport.requireLength("labels", labels.length, rows, "(B, T)");
        HeadSupport.requireLength("next_sentence_label", nextSentenceLabel.length, B, "(B)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        BertLMPredictionHead.MaskedPass mlm = predictions.trainStep(ctx, out.lastHiddenState().data(), labels, rows,
                lossScale);
        HeadSupport.LinearPass nsp = HeadSupport.linearForward(ctx, seqRelationship, out.poolerOutput().data(), B, 0);
        float[] dNsp = new float[B * 2];
        double nspLoss = LOSS.backward(dNsp, nsp.logits(), nextSentenceLabel, B, 2, lossScale);
        float[] dPooled = HeadSupport.linearBackward(ctx, seqRelationship, nsp, dNsp, B);
        bert.backward(ctx, out.cache(), mlm.dHidden(), dPooled);
        return new PreTrainingLoss(mlm.loss(), nspLoss);
    }

    /** Masked-LM and next-sentence loss and accuracy sums over a batch (no dropout, no gradient). */
    public MaskedLmEvaluation evaluate(ComputeContext ctx, BertInputs inputs, int[] labels, int[] nextSentenceLabel) {
        int B = inputs.batchSize();
        int rows = B * inputs.seqLen();
        HeadSupport.requireLength("labels", labels.length, rows, "(B, T)");
        HeadSupport.requireLength("next_sentence_label", nextSentenceLabel.length, B, "(B)");
        BertModelOutput out = bert.forward(ctx, inputs);
        float[] nsp = new float[B * 2];
        seqRelationship.forward(ctx, nsp, out.poolerOutput().data(), B, Activation.IDENTITY);
        return predictions.evaluate(ctx, out.lastHiddenState().data(), labels, rows)
                .plus(MaskedLmEvaluation.score(nsp, nextSentenceLabel, B, 2, true));
    }

    /** The two parts of a pre-training step's loss. */
    public record PreTrainingLoss(double maskedLm, double nextSentence) {
        public double total() {
            return maskedLm + nextSentence;
        }
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        predictions.parameters(out);
        out.put(BertForNextSentencePrediction.PREFIX + "weight", seqRelationship.weightParameter());
        out.put(BertForNextSentencePrediction.PREFIX + "bias", seqRelationship.biasParameter());
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        predictions.stateDict(out);
        out.put(BertForNextSentencePrediction.PREFIX + "weight", seqRelationship.weight());
        out.put(BertForNextSentencePrediction.PREFIX + "bias", seqRelationship.bias());
        return out;
    }
}
