package dev.bert4j.model;

/** Model inputs that do not fit the model: bad ids, lengths or shapes. */
public final class BertInputException extends RuntimeException {
    public BertInputException(String message) {
        super(message);
    }
}
