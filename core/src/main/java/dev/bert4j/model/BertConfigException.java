package dev.bert4j.model;

/** A {@code config.json} that is missing, malformed or describes an impossible or unsupported model. */
public final class BertConfigException extends RuntimeException {
    public BertConfigException(String message) {
        super(message);
    }

    public BertConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
