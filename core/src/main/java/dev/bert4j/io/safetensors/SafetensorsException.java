package dev.bert4j.io.safetensors;

/** A safetensors file that is truncated, has an inconsistent header, or holds an unsupported dtype. */
public final class SafetensorsException extends RuntimeException {
    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
