package dev.bert4j.train.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which evaluation metric decides the best checkpoint, and in which direction, as the Hugging Face
 * Trainer's {@code metric_for_best_model}: higher is better, except for a name containing {@code loss}.
 * The name may be given with or without the {@code eval_} prefix the Trainer puts on evaluation metrics.
 *
 * @param name            the metric name as given ({@code f1}, {@code eval_accuracy}, {@code loss})
 * @param greaterIsBetter whether a higher value is a better model
 */
public record BestModelMetric(String name, boolean greaterIsBetter) {
    private static final String EVAL_PREFIX = "eval_";

    public BestModelMetric {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the metric for the best model must have a name");
        }
    }

    /** The metric {@code name}, lower-is-better exactly when the name contains {@code loss}. */
    public static BestModelMetric of(String name) {
        return new BestModelMetric(name, !name.contains("loss"));
    }

    /** Whether {@code candidate} beats {@code best}; anything beats a NaN best, a NaN candidate beats nothing. */
    public boolean isBetter(double candidate, double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return greaterIsBetter ? candidate > best : candidate < best;
    }

    /**
     * This metric's value among {@code metrics}, found under the name as given or with the {@code eval_}
     * prefix added or removed.
     *
     * @throws IllegalArgumentException naming the metrics there are, when none of those names is present
     */
    public double valueIn(Map<String, Double> metrics) {
        String bare = name.startsWith(EVAL_PREFIX) ? name.substring(EVAL_PREFIX.length()) : name;
        for (String key : new String[] {name, EVAL_PREFIX + bare, bare}) {
            Double v = metrics.get(key);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalArgumentException("metric for the best model '" + name + "' is not among the evaluation"
                + " metrics " + new TreeSet<>(metrics.keySet()));
    }
}
