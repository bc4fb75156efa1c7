package dev.bert4j.train.optim;

import java.util.Objects;

/**
 * What {@link AdamW} keeps for one parameter, as in PyTorch's optimizer state: the number of steps that
 * updated it and the two moment estimates.
 * {@link AdamW#state()} hands out copies and {@link AdamW#load} copies what it is given, so a saved state
 * never changes under a running optimizer.
 *
 * @param step     how many optimizer steps updated this parameter (PyTorch's {@code step})
 * @param expAvg   first moment, one value per parameter value (PyTorch's {@code exp_avg})
 * @param expAvgSq second moment (PyTorch's {@code exp_avg_sq})
 */
public record ParameterState(long step, float[] expAvg, float[] expAvgSq) {
    public ParameterState {
        Objects.requireNonNull(expAvg, "expAvg");
        Objects.requireNonNull(expAvgSq, "expAvgSq");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (expAvg.length != expAvgSq.length) {
            throw new IllegalArgumentException("exp_avg has " + expAvg.length + " values but exp_avg_sq has "
                    + expAvgSq.length);
        }
    }

    ParameterState copy() {
        return new ParameterState(step, expAvg.clone(), expAvgSq.clone());
    }
}
