package dev.bert4j.tokenizers;

import java.util.Arrays;

/** Minimal growable int list for per-call scratch data. */
final class IntList {
    int[] a;
    int size;

    IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add3(int x, int y, int z) {
        if (size + 3 > a.length) a = Arrays.copyOf(a, Math.max(size + 3, a.length * 2));
        a[size] = x;
        a[size + 1] = y;
        a[size + 2] = z;
        size += 3;
    }

    void add(int x) {
        if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[size++] = x;
    }

    void clear() {
        size = 0;
    }
}
