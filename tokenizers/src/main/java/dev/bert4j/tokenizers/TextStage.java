package dev.bert4j.tokenizers;

/**
 * The per-text stages of a tokenizer, everything before the post-processor: one text in, its tokens with ids,
 * offsets into that text and word indices out. {@link Pipeline} is the {@code tokenizers} chain (added tokens,
 * normalizer, pre-tokenizer, WordPiece); {@link JapanesePipeline} is transformers' {@code BertJapaneseTokenizer}.
 * The {@link Tokenizer} around it adds special tokens, truncation, padding and decoding the same way for both.
 * Implementations are immutable and keep all scratch memory per call.
 */
interface TextStage {
    TokenSequence tokenize(String text);

    /** The id of {@code token} (added tokens first, then the vocabulary), or -1. */
    int tokenToId(String token);

    /** The token of {@code id} (added tokens first, then the vocabulary), or null. */
    String idToToken(int id);

    /** Vocabulary size including added tokens that are not in the vocabulary. */
    int vocabSize();

    /** True for an added token marked special (skipped by {@code decode(ids, true)}). */
    boolean isSpecial(String token);
}
