package dev.bert4j.model;

/**
 * A padded batch of token ids, flat row-major {@code (B, T)}: {@code inputIds}, {@code tokenTypeIds}
 * (segment A = 0, B = 1) and {@code attentionMask} (1 = real token, 0 = padding).
 */
public record BertInputs(int[] inputIds, int[] tokenTypeIds, int[] attentionMask, int batchSize, int seqLen) {

    public BertInputs {
        long n = (long) batchSize * seqLen;
        if (batchSize < 1 || seqLen < 1) {
            throw new BertInputException("a batch needs at least one sequence of at least one token, got B="
                    + batchSize + ", T=" + seqLen);
        }
        check("input_ids", inputIds, n);
        check("token_type_ids", tokenTypeIds, n);
        check("attention_mask", attentionMask, n);
    }

    private static void check(String name, int[] a, long n) {
        if (a == null || a.length != n) {
            throw new BertInputException(name + " must hold B*T = " + n + " values, got "
                    + (a == null ? "null" : a.length));
        }
    }

    /** One sequence, segment A only, no padding. */
    public static BertInputs single(int... ids) {
        return of(new int[][] {ids}, null, 0);
    }

    /**
     * Pads a ragged batch to its longest sequence with {@code padId} (mask 0).
     *
     * @param typeIds null for all zeros, else the same ragged shape as {@code ids}
     */
    public static BertInputs of(int[][] ids, int[][] typeIds, int padId) {
        int batch = ids.length;
        int t = 0;
        for (int[] row : ids) {
            t = Math.max(t, row.length);
        }
        int[] flat = new int[batch * t];
        int[] types = new int[batch * t];
        int[] mask = new int[batch * t];
        java.util.Arrays.fill(flat, padId);
        for (int b = 0; b < batch; b++) {
            if (typeIds != null && typeIds[b].length != ids[b].length) {
                throw new BertInputException("sequence " + b + " has " + ids[b].length + " ids but "
                        + typeIds[b].length + " token type ids");
            }
            for (int i = 0; i < ids[b].length; i++) {
                flat[b * t + i] = ids[b][i];
                types[b * t + i] = typeIds == null ? 0 : typeIds[b][i];
                mask[b * t + i] = 1;
            }
        }
        return new BertInputs(flat, types, mask, batch, t);
    }

    /** Number of real (mask 1) tokens of sequence {@code b}. */
    public int length(int b) {
        int n = 0;
        for (int i = 0; i < seqLen; i++) {
            n += attentionMask[b * seqLen + i] != 0 ? 1 : 0;
        }
        return n;
    }
}
