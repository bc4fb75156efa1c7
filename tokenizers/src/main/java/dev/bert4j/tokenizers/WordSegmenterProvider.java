package dev.bert4j.tokenizers;

import java.util.Map;

/**
 * Supplies the {@link WordSegmenter} for a {@code word_tokenizer_type} of {@code BertJapaneseTokenizer}. Found with
 * {@link java.util.ServiceLoader} when a {@code tokenizer_config.json} asks for that type, so the dictionaries stay
 * out of this module: {@code bert4j-japanese} provides {@code "mecab"}.
 */
public interface WordSegmenterProvider {
    /** The {@code word_tokenizer_type} served, e.g. {@code "mecab"}. */
    String wordTokenizerType();

    /**
     * Opens a segmenter.
     *
     * @param options the tokenizer's {@code mecab_kwargs} as strings (a key whose value is JSON null is present
     *                with a null value); {@code normalize_text} and {@code do_lower_case} are handled by the caller
     * @param source  the file the options came from, for error messages
     * @throws TokenizerException when an option is unknown or unsupported, naming it and the file
     */
    WordSegmenter open(Map<String, String> options, String source);
}
