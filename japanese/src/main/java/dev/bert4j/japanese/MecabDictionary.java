package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;

/**
 * A MeCab system dictionary: the surfaces (a trie), each word's left and right context ids and cost, the
 * connection costs between context ids, {@code char.def} and {@code unk.def}. Read from the files Kuromoji
 * compiled from the MeCab sources (see {@link DictionaryFiles}); every id is checked against the tables it
 * indexes when loading, so the tokenizer never indexes out of range. Immutable and thread-safe.
 */
final class MecabDictionary {
    final DoubleArrayTrie trie;
    private final int[] targetIndex;
    private final int[] targetWords;
    final short[] leftId;
    final short[] rightId;
    final short[] wordCost;
    private final int matrixSize;
    private final short[] matrix;
    final CharDefinition chars;
    /** Per character category: its unknown-word entries, each (left id, right id, cost), in unk.def order. */
    final int[][] unknown;

    MecabDictionary(DoubleArrayTrie trie, int[] targetIndex, int[] targetWords, short[][] tokenInfo, int matrixSize,
                    short[] matrix, CharDefinition chars, int[][] unknown, String source) {
        this.trie = trie;
        this.targetIndex = targetIndex;
        this.targetWords = targetWords;
        this.leftId = tokenInfo[0];
        this.rightId = tokenInfo[1];
        this.wordCost = tokenInfo[2];
        this.matrixSize = matrixSize;
        this.matrix = matrix;
        this.chars = chars;
        this.unknown = unknown;
        check(source);
    }

    /** The word ids of the surface with {@code sourceId}: {@code targetWords[from .. from + count)}. */
    int wordsFrom(int sourceId) {
        return sourceId >= 0 && sourceId < targetIndex.length ? targetIndex[sourceId] : -1;
    }

    int wordCount(int from) {
        return targetWords[from];
    }

    int word(int from, int k) {
        return targetWords[from + 1 + k];
    }

    int matrixSize() {
        return matrixSize;
    }

    /** MeCab's connection cost from a word with right context id {@code right} to one with left context id {@code left}. */
    int connection(int right, int left) {
        return matrix[left + right * matrixSize];
    }

    private void check(String source) {
        int words = leftId.length;
        if (rightId.length != words || wordCost.length != words) throw bad(source, "the word tables differ in length");
        if ((long) matrixSize * matrixSize != matrix.length) throw bad(source, "the connection matrix is not square");
        for (int w = 0; w < words; w++) {
            if (!context(leftId[w]) || !context(rightId[w])) {
                throw bad(source, "word " + w + " has context ids " + leftId[w] + "/" + rightId[w] + " outside the "
                        + matrixSize + " of the connection matrix");
            }
        }
        for (int s = 0; s < targetIndex.length; s++) {
            int from = targetIndex[s];
            if (from == -1) continue;
            if (from < 0 || from >= targetWords.length || targetWords[from] < 0
                    || (long) from + 1 + targetWords[from] > targetWords.length) {
                throw bad(source, "the target map entry " + s + " points outside its word list");
            }
            for (int k = 0; k < targetWords[from]; k++) {
                int w = targetWords[from + 1 + k];
                if (w < 0 || w >= words) throw bad(source, "the target map names word " + w + " of " + words);
            }
        }
        for (int[] entries : unknown) {
            for (int i = 0; i < entries.length; i += 3) {
                if (!context(entries[i]) || !context(entries[i + 1])) {
                    throw bad(source, "an unknown-word entry has context ids outside the connection matrix");
                }
            }
        }
    }

    private boolean context(int id) {
        return id >= 0 && id < matrixSize;
    }

    private static TokenizerException bad(String source, String why) {
        return new TokenizerException(source + ": " + why);
    }
}
