package dev.bert4j.train.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpointable snapshot of {@link AdamW}: the number of {@link AdamW#step} calls and, per parameter
 * name, its {@link ParameterState}. A parameter that no step has updated yet (it never had a gradient)
 * has no entry, as in PyTorch.
 *
 * @param steps      how many times {@link AdamW#step} was called
 * @param parameters state per parameter name, in the optimizer's parameter order
 */
public record OptimizerState(long steps, Map<String, ParameterState> parameters) {
    public OptimizerState {
        Objects.requireNonNull(parameters, "parameters");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
