package dev.bert4j.tokenizers;

import java.util.Objects;

/**
 * Truncation settings, shaped after tokenizer.json's {@code truncation} section. {@code maxLength} counts the
 * special tokens the post-processor adds; {@code stride} is how many tokens consecutive overflow windows share.
 */
public record Truncation(Strategy strategy, int maxLength, int stride, Direction direction) {
    /** As in Hugging Face: {@code LongestFirst}, {@code OnlyFirst}, {@code OnlySecond}. */
    public enum Strategy { LONGEST_FIRST, ONLY_FIRST, ONLY_SECOND }

    /** Which end is cut: {@code Right} keeps the beginning, {@code Left} keeps the end. */
    public enum Direction { RIGHT, LEFT }

    public Truncation {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(direction, "direction");
        if (maxLength < 0) throw new IllegalArgumentException("truncation maxLength must be >= 0, got " + maxLength);
        if (stride < 0) throw new IllegalArgumentException("truncation stride must be >= 0, got " + stride);
    }

    /** Longest-first truncation to {@code maxLength} tokens, cutting on the right, no stride. */
    public static Truncation longestFirst(int maxLength) {
        return new Truncation(Strategy.LONGEST_FIRST, maxLength, 0, Direction.RIGHT);
    }

    public Truncation withStride(int newStride) {
        return new Truncation(strategy, maxLength, newStride, direction);
    }
}
