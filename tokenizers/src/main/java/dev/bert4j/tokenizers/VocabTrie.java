package dev.bert4j.tokenizers;

import java.util.Arrays;

/**
 * Character trie over the vocabulary for greedy longest-prefix matching without allocating. Transitions live in
 * one open-addressing hash table keyed by (node, UTF-16 unit), so a step costs one hash probe. Immutable after
 * construction.
 */
final class VocabTrie {
    static final int ROOT = 0;

    private long[] keys;
    private int[] children;
    private int mask;
    private int[] tokenIds;
    private int nodeCount;
    private int size;

    /**
     * A trie read back from a compiled tokenizer ({@link CompiledTokenizer}), its arrays taken as they are. They
     * are checked so that no lookup can index outside them or probe forever: a power-of-two table with at least
     * one free slot, children within the nodes, and token ids of the nodes within {@code [-1, idLimit)}.
     *
     * @throws IllegalArgumentException when the arrays do not form such a table
     */
    VocabTrie(long[] keys, int[] children, int[] tokenIds, int idLimit) {
        int cap = keys.length;
        if (cap < 16 || Integer.bitCount(cap) != 1 || children.length != cap || tokenIds.length < 1) {
            throw new IllegalArgumentException("trie table of " + cap + " slots is not a power of two of at least 16");
        }
        int used = 0;
        for (int i = 0; i < cap; i++) {
            if (keys[i] == -1L) continue;
            used++;
            if (children[i] <= ROOT || children[i] >= tokenIds.length) throw new IllegalArgumentException("trie child out of range");
        }
        if (used * 2 > cap) throw new IllegalArgumentException("trie table is more than half full");
        for (int id : tokenIds) {
            if (id < -1 || id >= idLimit) throw new IllegalArgumentException("trie token id " + id + " out of range");
        }
        this.keys = keys;
        this.children = children;
        this.mask = cap - 1;
        this.tokenIds = tokenIds;
        this.nodeCount = tokenIds.length;
        this.size = used;
    }

    VocabTrie(int expectedChars) {
        int cap = Integer.highestOneBit(Math.max(16, expectedChars * 2)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, -1L);
        children = new int[cap];
        mask = cap - 1;
        tokenIds = new int[1024];
        Arrays.fill(tokenIds, -1);
        nodeCount = 1;
    }

    void put(String token, int id) {
        int node = ROOT;
        for (int i = 0; i < token.length(); i++) {
            int next = child(node, token.charAt(i));
            if (next < 0) next = addChild(node, token.charAt(i));
            node = next;
        }
        if (tokenIds[node] < 0) tokenIds[node] = id;
    }

    /** The child of {@code node} along {@code c}, or -1. */
    int child(int node, char c) {
        long key = ((long) node << 16) | c;
        int slot = hash(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) return children[slot];
            if (k == -1L) return -1;
            slot = (slot + 1) & mask;
        }
    }

    /** The token id ending at {@code node}, or -1. */
    int tokenId(int node) {
        return tokenIds[node];
    }

    /** The node reached from {@code from} by walking {@code s}, or -1. */
    int walk(int from, String s) {
        int node = from;
        for (int i = 0; i < s.length() && node >= 0; i++) node = child(node, s.charAt(i));
        return node;
    }

    /** Id of the token spelled by {@code chars[from, to)}, or -1. */
    int lookup(char[] chars, int from, int to) {
        int node = ROOT;
        for (int i = from; i < to && node >= 0; i++) node = child(node, chars[i]);
        return node < 0 ? -1 : tokenIds[node];
    }

    /** The hash table's keys, (node << 16 | UTF-16 unit), -1 for a free slot; shared, not copied. */
    long[] keys() {
        return keys;
    }

    /** The child node of each slot of {@link #keys()}; shared, not copied. */
    int[] children() {
        return children;
    }

    /** The token id of each node (-1 for none), trimmed to the node count. */
    int[] nodeTokenIds() {
        return Arrays.copyOf(tokenIds, nodeCount);
    }

    private int addChild(int node, char c) {
        if ((size + 1) * 2 > keys.length) rehash();
        int id = nodeCount++;
        if (id == tokenIds.length) {
            int old = tokenIds.length;
            tokenIds = Arrays.copyOf(tokenIds, old * 2);
            Arrays.fill(tokenIds, old, tokenIds.length, -1);
        }
        insert(((long) node << 16) | c, id);
        size++;
        return id;
    }

    private void insert(long key, int value) {
        int slot = hash(key) & mask;
        while (keys[slot] != -1L) slot = (slot + 1) & mask;
        keys[slot] = key;
        children[slot] = value;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, -1L);
        children = new int[keys.length];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) insert(oldKeys[i], oldChildren[i]);
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
