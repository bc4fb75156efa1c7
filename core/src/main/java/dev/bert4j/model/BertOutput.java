package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code LayerNorm(dropout(dense(intermediate)) + attention_output)}, the feed-forward block's output. */
public final class BertOutput {
    private final ResidualNorm block;

    BertOutput(BertConfig c, StateDictReader w, String prefix) {
        block = new ResidualNorm(c, w, prefix, c.intermediateSize());
    }

    /** y (B*T, C) = LayerNorm(intermediate · Wᵀ + b + input); {@code scratch} holds the dense output. */
    void forward(ComputeContext ctx, float[] y, float[] intermediate, float[] input, float[] scratch, int rows) {
        block.forward(ctx, y, intermediate, input, scratch, rows);
    }

    ResidualNorm.Cache forwardTrain(ComputeContext ctx, float[] y, float[] intermediate, float[] input, int rows) {
        return block.forwardTrain(ctx, y, intermediate, input, rows);
    }

    /** Returns dIntermediate (B*T, I); writes the residual's gradient into {@code dInput}. */
    float[] backward(ComputeContext ctx, ResidualNorm.Cache cache, float[] dy, float[] intermediate,
                     float[] dInput, int rows) {
        return block.backward(ctx, cache, dy, intermediate, dInput, rows);
    }

    void parameters(Map<String, Parameter> out) {
        block.parameters(out);
    }

    void stateDict(Map<String, Tensor> out) {
        block.stateDict(out);
    }
}
