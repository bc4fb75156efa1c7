package dev.bert4j.tokenizers;

import java.util.Arrays;

/**
 * Open-addressing map from a symbol pair to its weighted count, for vocabulary training. A pair of symbol ids
 * {@code (a, b)} is the key {@code a << 32 | b}; because ids are non-negative, comparing keys as longs orders pairs
 * as {@code (a, b)} tuples, which is how Hugging Face breaks ties.
 */
final class PairCounts {
    private static final long EMPTY = -1L;
    private long[] keys;
    private long[] values;
    private int size;

    PairCounts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    static int first(long key) {
        return (int) (key >>> 32);
    }

    static int second(long key) {
        return (int) key;
    }

    /** The count of {@code key}, 0 when it was never added. */
    long get(long key) {
        int slot = slot(key, keys);
        return keys[slot] == key ? values[slot] : 0;
    }

    /** Adds {@code delta} to the count of {@code key} (creating it at 0) and returns the new count. */
    long add(long key, long delta) {
        int slot = slot(key, keys);
        if (keys[slot] != key) {
            if (2 * (size + 1) > keys.length) {
                grow();
                slot = slot(key, keys);
            }
            keys[slot] = key;
            size++;
        }
        values[slot] += delta;
        return values[slot];
    }

    int size() {
        return size;
    }

    private static int slot(long key, long[] keys) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], keys);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
