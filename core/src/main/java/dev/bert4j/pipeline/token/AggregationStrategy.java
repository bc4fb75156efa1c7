package dev.bert4j.pipeline.token;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.Locale;

/**
 * HF's {@code aggregation_strategy} for token classification.
 *
 * <ul>
 *   <li>{@link #NONE} - one {@link TokenEntity} per token;
 *   <li>{@link #SIMPLE} - tokens grouped by B-/I- tags; a word may be split between entities;
 *   <li>{@link #FIRST} - each word takes the label of its first token, then grouped;
 *   <li>{@link #AVERAGE} - each word takes the best label of its tokens' averaged probabilities;
 *   <li>{@link #MAX} - each word takes the label of its most confident token.
 * </ul>
 */
public enum AggregationStrategy {
    NONE, SIMPLE, FIRST, AVERAGE, MAX;

    /** Parses HF's option value ({@code "none"}, {@code "simple"}, ...), case-insensitively. */
    public static AggregationStrategy parse(String value) {
        for (AggregationStrategy s : values()) {
            if (s.name().equals(value.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new PipelineInputException("Unknown aggregation_strategy '" + value
                + "'; use one of none, simple, first, average, max");
    }

    /** True for the strategies that first merge sub-words into words. */
    boolean aggregatesWords() {
        return this == FIRST || this == AVERAGE || this == MAX;
    }
}
