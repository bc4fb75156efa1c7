package dev.bert4j.train;

/** A training run that cannot start or go on: bad arguments, data, checkpoints or output folders. */
public class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
