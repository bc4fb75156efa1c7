package dev.bert4j.tokenizers;

/**
 * A WordPiece vocabulary as {@link WordPiece} holds it, ready to use without reading {@code model.vocab}.
 *
 * @param idToToken the token of each id, null in the gaps between ids
 * @param vocabSize the number of tokens (the non-null entries of {@code idToToken})
 * @param trie      the trie of exactly those tokens
 */
record CompiledVocab(String[] idToToken, int vocabSize, VocabTrie trie) {
}
