package dev.bert4j.hub.pytorch;

/** A checkpoint file is damaged, of an unsupported kind, or holds something other than tensors. */
public class CheckpointFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
