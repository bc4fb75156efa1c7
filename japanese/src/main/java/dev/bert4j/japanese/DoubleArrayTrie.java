package dev.bert4j.japanese;

/**
 * The surfaces of a Kuromoji dictionary: its compact double-array trie ({@code doubleArrayTrie.bin}: a flag, the
 * sizes, then {@code base}, {@code check} and the {@code tail} of single-path suffixes). A child of node {@code i}
 * by character {@code c} sits at {@code base[i] + c} when its {@code check} is {@code i}; a word ends at a node
 * whose terminator child ({@code c = 1}) exists, or where its tail (from {@code base - TAIL_OFFSET}, ended by
 * the terminator) matches the text. The node where a word ends is its source id in the target map. Immutable.
 */
final class DoubleArrayTrie {
    private static final int TAIL_OFFSET = 100_000_000;
    private static final char TERMINATOR = '\u0001';

    private final int[] base;
    private final int[] check;
    private final char[] tail;

    private DoubleArrayTrie(int[] base, int[] check, char[] tail) {
        this.base = base;
        this.check = check;
        this.tail = tail;
    }

    static DoubleArrayTrie read(BinaryData in) {
        if (!in.readBoolean()) throw in.broken("the trie is not in the compact layout this reader knows");
        int size = in.readInt();
        int tailSize = in.readInt();
        if (size <= 0 || tailSize < 0 || (long) size * 8 + (long) tailSize * 2 != in.remaining()) {
            throw in.broken("trie sizes " + size + " and " + tailSize + " do not match the " + in.remaining() + " bytes");
        }
        return new DoubleArrayTrie(in.readInts(size, "the trie's base"), in.readInts(size, "the trie's check"),
                in.readChars(tailSize, "the trie's tail"));
    }

    /** Every dictionary surface that starts at {@code text[from]} and ends by {@code to}, shortest first. */
    void commonPrefixSearch(char[] text, int from, int to, Match match) {
        int index = 0;
        int b = 1;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c == TERMINATOR) return;
            int prev = index;
            index = b + c;
            if (index < 0 || index >= base.length) return;
            b = base[index];
            if (b == 0 || check[index] != prev) return;
            if (b >= TAIL_OFFSET) {
                int len = tailMatch(b - TAIL_OFFSET, text, i + 1, to);
                if (len >= 0) match.found(i + 1 - from + len, index);
                return;
            }
            int end = b + TERMINATOR;
            if (end >= 0 && end < check.length && check[end] == index) match.found(i + 1 - from, index);
        }
    }

    /** Length of the tail at {@code t} when the text from {@code at} starts with it, else -1. */
    private int tailMatch(int t, char[] text, int at, int to) {
        int k = 0;
        while (t + k < tail.length && tail[t + k] != TERMINATOR) {
            if (at + k >= to || text[at + k] != tail[t + k]) return -1;
            k++;
        }
        return t + k < tail.length ? k : -1;
    }

    /**
     * Every surface with its source id, in no particular order: the children of node {@code p} are the indices
     * whose {@code check} is {@code p}, reached by character {@code index - base[p]} (the root's base is 1).
     */
    void forEach(java.util.function.BiConsumer<String, Integer> visitor) {
        int[] first = new int[base.length];
        int[] next = new int[base.length];
        java.util.Arrays.fill(first, -1);
        for (int i = base.length - 1; i > 0; i--) {
            if (base[i] != 0 && check[i] >= 0 && check[i] < base.length && check[i] != i) {
                next[i] = first[check[i]];
                first[check[i]] = i;
            }
        }
        java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
        stack.push(new Object[] {0, ""});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            int node = (Integer) top[0];
            String prefix = (String) top[1];
            int b = node == 0 ? 1 : base[node];
            for (int child = first[node]; child >= 0; child = next[child]) {
                int c = child - b;
                if (c < 0 || c > Character.MAX_VALUE) continue;
                if (c == TERMINATOR) {
                    visitor.accept(prefix, node);
                } else if (base[child] >= TAIL_OFFSET) {
                    StringBuilder key = new StringBuilder(prefix).append((char) c);
                    for (int t = base[child] - TAIL_OFFSET; t < tail.length && tail[t] != TERMINATOR; t++) key.append(tail[t]);
                    visitor.accept(key.toString(), child);
                } else {
                    stack.push(new Object[] {child, prefix + (char) c});
                }
            }
        }
    }

    /** Receives one match: its length in UTF-16 units and its source id. */
    interface Match {
        void found(int length, int sourceId);
    }
}
