package dev.bert4j.model;

/** A task head that is not known, not named in {@code config.json}, or not the one a caller needs. */
public final class UnknownHeadException extends RuntimeException {
    public UnknownHeadException(String message) {
        super(message);
    }
}
