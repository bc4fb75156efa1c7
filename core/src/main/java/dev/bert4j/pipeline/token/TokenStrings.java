package dev.bert4j.pipeline.token;

import java.util.List;

/**
 * What token classification needs from the tokenizer to spell words.
 */
public interface TokenStrings {

    /** {@code tokenizer.convert_ids_to_tokens(id)}: the vocabulary entry, e.g. {@code "##gang"}. */
    String idToToken(int id);

    /**
     * {@code tokenizer.convert_tokens_to_string(tokens)}: the tokenizer's decoder applied to token
     * strings (for WordPiece: {@code ##} pieces glued to the previous one, others joined by spaces,
     * with the decoder's clean-up).
     */
    String tokensToString(List<String> tokens);
}
