package dev.bert4j.tokenizers;

/**
 * The token/id table of a sub-word model ({@link WordPiece}, {@link UnigramModel}, {@link BpeModel}, or a
 * SentencePiece model inside {@code BertJapaneseTokenizer}), as added tokens and special-token lookup see it.
 */
interface Vocabulary {
    /** The id of {@code token}, or -1 when the vocabulary lacks it. */
    int tokenToId(String token);

    /** The token of {@code id}, or null. */
    String idToToken(int id);

    int vocabSize();

    /** The unknown token, or null when the model has none. */
    String unkToken();
}
