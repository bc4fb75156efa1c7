package dev.bert4j.parity;

import dev.bert4j.model.BertInputs;

import java.util.Random;

/** Token-id inputs with BERT structure: [CLS] A [SEP] or [CLS] A [SEP] B [SEP]. */
final class RandomInputs {
    static final int CLS = 101;
    static final int SEP = 102;
    private static final int FIRST_WORD_ID = 999;

    private final Random random;
    private final int vocab;

    RandomInputs(long seed, int vocab) {
        this.random = new Random(seed);
        this.vocab = vocab;
    }

    /** A single segment of {@code length} tokens in total (at least 2). */
    int[][] single(int length) {
        int[] ids = new int[length];
        ids[0] = CLS;
        for (int i = 1; i < length - 1; i++) {
            ids[i] = word();
        }
        ids[length - 1] = SEP;
        return new int[][] {ids, new int[length]};
    }

    /** A pair of segments of {@code length} tokens in total (at least 3). */
    int[][] pair(int length) {
        int[] ids = new int[length];
        int[] types = new int[length];
        int split = 1 + random.nextInt(length - 2);
        ids[0] = CLS;
        for (int i = 1; i < length - 1; i++) {
            ids[i] = i == split ? SEP : word();
            types[i] = i > split ? 1 : 0;
        }
        ids[length - 1] = SEP;
        types[length - 1] = 1;
        return new int[][] {ids, types};
    }

    int[][] any(int length) {
        return length >= 3 && random.nextBoolean() ? pair(length) : single(Math.max(2, length));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private int word() {
        return FIRST_WORD_ID + random.nextInt(vocab - FIRST_WORD_ID);
    }

    static BertInputs batch(int[][]... seqs) {
        int[][] ids = new int[seqs.length][];
        int[][] types = new int[seqs.length][];
        for (int i = 0; i < seqs.length; i++) {
            ids[i] = seqs[i][0];
            types[i] = seqs[i][1];
        }
        return BertInputs.of(ids, types, 0);
    }
}
