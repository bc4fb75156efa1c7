package dev.bert4j.japanese;

import java.util.Arrays;

/**
 * The nodes of one sentence's lattice, in flat arrays: for each node the characters it covers (from its surface
 * start, after skipped spaces, to its end), its context ids and word cost, and after {@link #connect} its best
 * total cost and best predecessor. Ends are kept per position as MeCab's {@code end_node_list}: a list where the
 * node added last comes first. Per call, never shared.
 */
final class Lattice {
    static final int BOS = 0;

    int size;
    int[] start = new int[64];
    int[] end = new int[64];
    int[] left = new int[64];
    int[] right = new int[64];
    int[] cost = new int[64];
    long[] total = new long[64];
    int[] prev = new int[64];
    private int[] nextEnding = new int[64];
    /** Per position: the node that ended there last, or -1. */
    final int[] endHead;

    Lattice(int positions) {
        endHead = new int[positions + 1];
        Arrays.fill(endHead, -1);
        add(0, 0, 0, 0, 0);
        total[BOS] = 0;
        endHead[0] = BOS;
        nextEnding[BOS] = -1;
    }

    int add(int from, int to, int leftId, int rightId, int wordCost) {
        if (size == start.length) grow();
        start[size] = from;
        end[size] = to;
        left[size] = leftId;
        right[size] = rightId;
        cost[size] = wordCost;
        prev[size] = -1;
        return size++;
    }

    /**
     * MeCab's {@code connect}: the best predecessor of {@code node} among the nodes ending at {@code pos}, in list
     * order, the first of equal costs winning; then {@code node} is put first in the list of its end.
     */
    void connect(MecabDictionary dic, int pos, int node, int endPos) {
        long best = Long.MAX_VALUE;
        int bestNode = -1;
        for (int l = endHead[pos]; l >= 0; l = nextEnding[l]) {
            long c = total[l] + dic.connection(right[l], left[node]) + cost[node];
            if (c < best) {
                best = c;
                bestNode = l;
            }
        }
        total[node] = best;
        prev[node] = bestNode;
        nextEnding[node] = endHead[endPos];
        endHead[endPos] = node;
    }

    private void grow() {
        int n = start.length * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        cost = Arrays.copyOf(cost, n);
        total = Arrays.copyOf(total, n);
        prev = Arrays.copyOf(prev, n);
        nextEnding = Arrays.copyOf(nextEnding, n);
    }
}
