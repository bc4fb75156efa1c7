package dev.bert4j.io;

/**
 * Progress of a model conversion, for a progress bar drawn by the caller (the CLI); core draws nothing.
 * Calls come from the converting thread, in stage order.
 */
@FunctionalInterface
public interface ConversionListener {
    enum Stage { READING, IMPORTING, WRITING, DONE }

    /**
     * @param done  units finished in this stage (bytes for READING, steps otherwise)
     * @param total units in this stage, or -1 when unknown
     */
    void progress(Stage stage, long done, long total);

    ConversionListener NONE = (stage, done, total) -> { };
}
