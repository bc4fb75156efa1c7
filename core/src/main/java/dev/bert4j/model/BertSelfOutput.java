package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code LayerNorm(dropout(dense(context)) + input)}, the attention block's output. */
public final class BertSelfOutput {
    private final ResidualNorm block;

    BertSelfOutput(BertConfig c, StateDictReader w, String prefix) {
        block = new ResidualNorm(c, w, prefix, c.hiddenSize());
    }

    /** y (B*T, C) = LayerNorm(context · Wᵀ + b + input). */
    void forward(ComputeContext ctx, float[] y, float[] context, float[] input, int rows) {
        block.forward(ctx, y, context, input, y, rows);
    }

    ResidualNorm.Cache forwardTrain(ComputeContext ctx, float[] y, float[] context, float[] input, int rows) {
        return block.forwardTrain(ctx, y, context, input, rows);
    }

    /** Returns dContext (B*T, C); writes the residual's gradient into {@code dInput}. */
    float[] backward(ComputeContext ctx, ResidualNorm.Cache cache, float[] dy, float[] context, float[] dInput,
                     int rows) {
        return block.backward(ctx, cache, dy, context, dInput, rows);
    }

    void parameters(Map<String, Parameter> out) {
        block.parameters(out);
    }

    void stateDict(Map<String, Tensor> out) {
        block.stateDict(out);
    }
}
