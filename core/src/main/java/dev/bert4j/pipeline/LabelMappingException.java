package dev.bert4j.pipeline;

/**
 * A model predicted a label id that its configuration's {@code id2label} does not name. Hugging Face
 * raises a {@code KeyError} in this case; bert4j says which id is missing and which ids exist.
 */
public class LabelMappingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LabelMappingException(String message) {
        super(message);
    }
}
