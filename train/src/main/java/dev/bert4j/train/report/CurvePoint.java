package dev.bert4j.train.report;

import java.util.Objects;

/**
 * One logged value of a training curve.
 *
 * @param step   the optimizer step it was logged at (the Trainer's {@code global_step})
 * @param epoch  the fractional epoch at that step
 * @param series what was measured ({@code train_loss}, {@code learning_rate}, {@code eval_loss}, {@code eval_f1})
 * @param value  the measured value
 */
public record CurvePoint(long step, double epoch, String series, double value) {
    public CurvePoint {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty() || series.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("series name '" + series
                    + "' must be non-empty without commas, quotes or line breaks");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }
}
