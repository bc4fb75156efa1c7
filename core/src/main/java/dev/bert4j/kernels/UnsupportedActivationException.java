package dev.bert4j.kernels;

/** A {@code hidden_act} that bert4j does not implement. */
public final class UnsupportedActivationException extends RuntimeException {
    public UnsupportedActivationException(String message) {
        super(message);
    }
}
