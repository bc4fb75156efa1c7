package dev.bert4j.tokenizers;

/** A {@code tokenizer.json} sub-word model over pre-tokenized words: {@link UnigramModel} or {@link BpeModel}. */
interface PieceModel extends Vocabulary {
    /** Appends the tokens of {@code word} (one pre-token) to {@code out}, with offsets into the original text. */
    void tokenize(AlignedString word, int wordIndex, TokenSequence out);
}
