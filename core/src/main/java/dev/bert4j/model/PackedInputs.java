package dev.bert4j.model;

/**
 * A packed batch: the real tokens of {@code B} sequences one after another, with no padding. Sequence
 * {@code b} is {@code [starts[b], starts[b + 1])} of {@code inputIds} and {@code tokenTypeIds}; {@code starts}
 * holds B + 1 entries, from 0 to the total number of tokens N. Every dense layer then works on exactly N
 * rows; only attention looks at where one sequence ends and the next begins.
 */
public record PackedInputs(int[] inputIds, int[] tokenTypeIds, int[] starts) {

    public PackedInputs {
        if (starts == null || starts.length < 2 || starts[0] != 0) {
            throw new BertInputException("a packed batch needs starts [0, ..., N] for at least one sequence");
        }
        for (int b = 0; b + 1 < starts.length; b++) {
            if (starts[b + 1] <= starts[b]) {
                throw new BertInputException("sequence " + b + " of a packed batch is empty (starts "
                        + starts[b] + ", " + starts[b + 1] + "); every sequence needs at least one token");
            }
        }
        int n = starts[starts.length - 1];
        if (inputIds == null || inputIds.length != n || tokenTypeIds == null || tokenTypeIds.length != n) {
            throw new BertInputException("input_ids and token_type_ids must hold the N = " + n
                    + " tokens the starts describe, got " + (inputIds == null ? "null" : inputIds.length)
                    + " and " + (tokenTypeIds == null ? "null" : tokenTypeIds.length));
        }
    }

    /**
     * Packs ragged sequences.
     *
     * @param typeIds null for all zeros, else the same ragged shape as {@code ids}
     */
    public static PackedInputs of(int[][] ids, int[][] typeIds) {
        int[] starts = new int[ids.length + 1];
        for (int b = 0; b < ids.length; b++) {
            if (typeIds != null && typeIds[b].length != ids[b].length) {
                throw new BertInputException("sequence " + b + " has " + ids[b].length + " ids but "
                        + typeIds[b].length + " token type ids");
            }
            starts[b + 1] = Math.addExact(starts[b], ids[b].length);
        }
        int[] flat = new int[starts[ids.length]];
        int[] types = new int[flat.length];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 0, flat, starts[b], ids[b].length);
            if (typeIds != null) {
                System.arraycopy(typeIds[b], 0, types, starts[b], ids[b].length);
            }
        }
        return new PackedInputs(flat, types, starts);
    }

    public int batchSize() {
        return starts.length - 1;
    }

    /** N, the number of tokens of all sequences together. */
    public int tokens() {
        return starts[starts.length - 1];
    }

    public int length(int b) {
        return starts[b + 1] - starts[b];
    }

    public int longest() {
        return dev.bert4j.kernels.AttentionKernel.longest(starts);
    }
}
