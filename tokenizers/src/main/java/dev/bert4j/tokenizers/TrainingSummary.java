package dev.bert4j.tokenizers;

/**
 * What a {@link WordPieceTrainer} run saw and made.
 *
 * @param vocabSize     tokens in the trained vocabulary, special tokens included
 * @param texts         texts (or lines) read
 * @param words         words counted after normalization and pre-tokenization
 * @param distinctWords different words among them
 * @param alphabetSize  characters kept in the alphabet
 * @param merges        merges performed (a merge whose result was already a token adds none)
 */
public record TrainingSummary(int vocabSize, long texts, long words, int distinctWords, int alphabetSize,
                              int merges) {}
