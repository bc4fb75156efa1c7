package dev.bert4j.tokenizers;

import java.util.Arrays;

/** Growable token list for one input sequence before post-processing: ids, tokens, original offsets, word ids. */
final class TokenSequence {
    int[] ids;
    String[] tokens;
    int[] offsets;
    int[] words;
    private int size;

    TokenSequence(int capacity) {
        int c = Math.max(8, capacity);
        ids = new int[c];
        tokens = new String[c];
        offsets = new int[2 * c];
        words = new int[c];
    }

    int size() {
        return size;
    }

    void add(int id, String token, int start, int end, int word) {
        if (size == ids.length) grow();
        ids[size] = id;
        tokens[size] = token;
        offsets[2 * size] = start;
        offsets[2 * size + 1] = end;
        words[size] = word;
        size++;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    private void grow() {
        int c = ids.length * 2;
        ids = Arrays.copyOf(ids, c);
        tokens = Arrays.copyOf(tokens, c);
        offsets = Arrays.copyOf(offsets, 2 * c);
        words = Arrays.copyOf(words, c);
    }
}
