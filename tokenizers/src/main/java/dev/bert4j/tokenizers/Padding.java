package dev.bert4j.tokenizers;

import java.util.Objects;

/**
 * Padding settings, shaped after tokenizer.json's {@code padding} section: {@code BatchLongest} pads to the
 * longest encoding of the batch, {@code Fixed} to {@code length}; {@code padToMultipleOf} then rounds up.
 *
 * @param length the fixed length (FIXED only; ignored for LONGEST)
 */
public record Padding(Strategy strategy, int length, Integer padToMultipleOf, Direction direction, int padId,
                      int padTypeId, String padToken) {
    public enum Strategy { LONGEST, FIXED }

    public enum Direction { RIGHT, LEFT }

    public Padding {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(padToken, "padToken");
        if (length < 0) throw new IllegalArgumentException("padding length must be >= 0, got " + length);
        if (padToMultipleOf != null && padToMultipleOf <= 0) {
            throw new IllegalArgumentException("padToMultipleOf must be > 0, got " + padToMultipleOf);
        }
    }

    /** Pads to the longest encoding of the batch on the right with {@code [PAD]}-style settings. */
    public static Padding longest(int padId, String padToken) {
        return new Padding(Strategy.LONGEST, 0, null, Direction.RIGHT, padId, 0, padToken);
    }

    /** Pads every encoding to {@code length} on the right. */
    public static Padding fixed(int length, int padId, String padToken) {
        return new Padding(Strategy.FIXED, length, null, Direction.RIGHT, padId, 0, padToken);
    }

    /** The length to pad to, given the longest length in the batch. */
    int targetLength(int longest) {
        int target = strategy == Strategy.FIXED ? length : longest;
        if (padToMultipleOf != null && target % padToMultipleOf != 0) {
            target += padToMultipleOf - target % padToMultipleOf;
        }
        return target;
    }
}
