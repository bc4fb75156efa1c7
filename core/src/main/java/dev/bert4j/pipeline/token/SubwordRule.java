package dev.bert4j.pipeline.token;

/**
 * How HF's {@code gather_pre_entities} decides that a token continues the previous word.
 */
public enum SubwordRule {
    /**
     * For tokenizers whose model has a {@code continuing_subword_prefix} (WordPiece's {@code ##}):
     * a token is a sub-word when the token string and the text its offsets cover differ in length,
     * so {@code "##gang"} over {@code "gang"} is one. This is the rule for every BERT tokenizer.
     */
    CONTINUING_SUBWORD_PREFIX,
    /**
     * HF's fallback for tokenizers without such a prefix: a token is a sub-word when it does not
     * start the text and neither the character before it nor its first character is a space.
     */
    SPACE_HEURISTIC
}
