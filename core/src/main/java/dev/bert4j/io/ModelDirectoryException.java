package dev.bert4j.io;

/** A model directory that is missing files or holds files bert4j cannot use. */
public final class ModelDirectoryException extends RuntimeException {
    public ModelDirectoryException(String message) {
        super(message);
    }

    public ModelDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
