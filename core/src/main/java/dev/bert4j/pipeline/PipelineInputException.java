package dev.bert4j.pipeline;

/**
 * Bad input or options given to a pipeline: a text without a mask token, an empty question, a
 * {@code top_k} below 1, an unknown {@code aggregation_strategy} and so on. The message names the
 * option or input and says what would be accepted.
 */
public class PipelineInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PipelineInputException(String message) {
        super(message);
    }
}
