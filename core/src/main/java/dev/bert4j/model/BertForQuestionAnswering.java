package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * HF's {@code BertForQuestionAnswering}: {@code qa_outputs}, a Linear (2, C) on every token, split into
 * start and end logits (no pooler). The loss is HF's: positions clamped to [0, T], position T ignored,
 * the mean of the start and end cross-entropies. Immutable, thread-safe.
 */
public final class BertForQuestionAnswering implements BertTaskModel {
    private final BertModel bert;
    private final Linear qaOutputs;

    private BertForQuestionAnswering(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        qaOutputs = new Linear(w.take("qa_outputs.weight", "(2, hidden_size)", 2, config.hiddenSize()),
                w.take("qa_outputs.bias", "(2)", 2));
        w.finish();
    }

    public static BertForQuestionAnswering fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForQuestionAnswering(config, new HeadCheckpoint(HeadKind.QUESTION_ANSWERING, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.QUESTION_ANSWERING;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    public QuestionAnsweringModelOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, null, null, ForwardOptions.DEFAULT);
    }

    /**
     * Start and end logits of a packed batch, inference only: (N, 2), row r holding token r's start logit then
     * its end logit.
     */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs) {
        return forwardPacked(ctx, inputs, new BertWorkspace());
    }

    /** {@link #forwardPacked(ComputeContext, PackedInputs)} in {@code ws}, which a caller reuses across batches. */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs, BertWorkspace ws) {
        int N = inputs.tokens();
        PackedOutput out = bert.forwardPacked(ctx, inputs, ws);
        float[] logits = new float[N * 2];                                           // (N, 2)
        qaOutputs.forward(ctx, logits, out.lastHiddenState(), N, Activation.IDENTITY);
        return logits;
    }

    /** @param startPositions (B) token index of each answer's start; with endPositions, gives the loss */
    public QuestionAnsweringModelOutput forward(ComputeContext ctx, BertInputs inputs, int[] startPositions,
                                                int[] endPositions, ForwardOptions opts) {
        int B = inputs.batchSize();
        int T = inputs.seqLen();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] logits = new float[B * T * 2];                                       // (B*T, 2)
        qaOutputs.forward(ctx, logits, out.lastHiddenState().data(), B * T, Activation.IDENTITY);
        float[] start = new float[B * T];                                            // (B, T) = logits[..., 0]
        float[] end = new float[B * T];                                              // (B, T) = logits[..., 1]
        for (int r = 0; r < B * T; r++) {
            start[r] = logits[2 * r];
            end[r] = logits[2 * r + 1];
        }
        Double loss = null;
        if (startPositions != null && endPositions != null) {
            HeadSupport.requireLength("start_positions", startPositions.length, B, "(B)");
            HeadSupport.requireLength("end_positions", endPositions.length, B, "(B)");
            CrossEntropyLoss ce = new CrossEntropyLoss(T);                           // ignored_index = T
            loss = (ce.forward(start, clamp(startPositions, T), B, T) + ce.forward(end, clamp(endPositions, T), B, T)) / 2;
        }
        return new QuestionAnsweringModelOutput(loss, new Tensor(new int[] {B, T}, start),
                new Tensor(new int[] {B, T}, end), out);
    }

    /**
     * One training step: forward, the mean of the start and end cross-entropies (positions clamped to
     * [0, T], T ignored, as {@link #forward}), backward with the gradient scaled by {@code lossScale}.
     *
     * @return the loss (unscaled)
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int[] startPositions, int[] endPositions,
                            double lossScale) {
        int B = inputs.batchSize();
        int T = inputs.seqLen();
        HeadSupport.requireLength("start_positions", startPositions.length, B, "(B)");
        HeadSupport.requireLength("end_positions", endPositions.length, B, "(B)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        HeadSupport.LinearPass pass = HeadSupport.linearForward(ctx, qaOutputs, out.lastHiddenState().data(),
                B * T, 0);                                                                   // (B*T, 2)
        float[] start = new float[B * T];
        float[] end = new float[B * T];
        for (int r = 0; r < B * T; r++) {
            start[r] = pass.logits()[2 * r];
            end[r] = pass.logits()[2 * r + 1];
        }
        CrossEntropyLoss ce = new CrossEntropyLoss(T);
        float[] dStart = new float[B * T];
        float[] dEnd = new float[B * T];
        double ls = ce.backward(dStart, start, clamp(startPositions, T), B, T, lossScale / 2);
        double le = ce.backward(dEnd, end, clamp(endPositions, T), B, T, lossScale / 2);
        float[] dLogits = new float[B * T * 2];
        for (int r = 0; r < B * T; r++) {
            dLogits[2 * r] = Double.isNaN(ls) ? 0f : dStart[r];
            dLogits[2 * r + 1] = Double.isNaN(le) ? 0f : dEnd[r];
        }
        bert.backward(ctx, out.cache(), HeadSupport.linearBackward(ctx, qaOutputs, pass, dLogits, B * T), null);
        return (ls + le) / 2;
    }

    /** HF's {@code positions.clamp(0, ignored_index)}: out-of-window answers land on T and are ignored. */
    private static int[] clamp(int[] positions, int T) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, Math.min(T, positions[i]));
        }
        return out;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        out.put("qa_outputs.weight", qaOutputs.weightParameter());
        out.put("qa_outputs.bias", qaOutputs.biasParameter());
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        out.put("qa_outputs.weight", qaOutputs.weight());
        out.put("qa_outputs.bias", qaOutputs.bias());
        return out;
    }
}
