package dev.bert4j.model;

/**
 * Weights that do not fit the model: {@link Kind#MISSING}, {@link Kind#UNEXPECTED} or
 * {@link Kind#SHAPE_MISMATCH}. The message names the weight path and, for shapes, both shapes.
 */
public final class WeightLoadException extends RuntimeException {
    public enum Kind { MISSING, UNEXPECTED, SHAPE_MISMATCH }

    private final Kind kind;
    private final String path;

    public WeightLoadException(Kind kind, String path, String message) {
        super(message);
        this.kind = kind;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    /** The weight path, e.g. {@code encoder.layer.3.attention.self.query.weight}. */
    public String path() {
        return path;
    }
}
