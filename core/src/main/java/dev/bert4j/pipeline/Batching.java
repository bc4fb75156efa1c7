package dev.bert4j.pipeline;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertInputs;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Glue the task pipelines share: tokenizer encodings to padded {@link BertInputs} chunks, and per-sequence
 * slices of the head's outputs back. Pure functions.
 */
public final class Batching {
    /** Sequences per forward pass; pipelines split larger batches (and long texts' windows) into chunks. */
    public static final int BATCH_SIZE = 16;

    private Batching() {
    }

    /**
     * The longest input the pipelines let through: the tokenizer's {@code model_max_length} when given, and
     * never more than {@code max_position_embeddings}.
     */
    public static int modelMaxLength(Tokenizer tokenizer, BertConfig config) {
        int maxPositions = config.maxPositionEmbeddings();
        return Math.min(tokenizer.modelMaxLength().orElse(maxPositions), maxPositions);
    }

    /** The tokenizer's pad id, else the config's {@code pad_token_id}. */
    public static int padId(Tokenizer tokenizer, BertConfig config) {
        int id = tokenizer.specialTokens().padId();
        return id >= 0 ? id : config.padTokenId();
    }

    /** {from, to} index ranges of at most {@link #BATCH_SIZE} over {@code n} items. */
    public static List<int[]> chunks(int n) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH_SIZE) {
            out.add(new int[] {from, Math.min(n, from + BATCH_SIZE)});
        }
        return out;
    }

    /** Unpadded encodings as one right-padded batch (mask 0 on the padding). */
    public static BertInputs inputs(List<Encoding> encodings, int padId) {
        int[][] ids = new int[encodings.size()][];
        int[][] types = new int[encodings.size()][];
        for (int b = 0; b < ids.length; b++) {
            ids[b] = encodings.get(b).ids();
            types[b] = encodings.get(b).typeIds();
        }
        return BertInputs.of(ids, types, padId);
    }

    /** The first {@code len} rows of sequence {@code b} of a (B, T, X) tensor, as [len][X]. */
    public static float[][] tokenRows(Tensor t, int b, int len) {
        int T = t.dim(1);
        int X = t.dim(2);
        float[][] rows = new float[len][X];
        for (int i = 0; i < len; i++) {
            System.arraycopy(t.data(), (b * T + i) * X, rows[i], 0, X);
        }
        return rows;
    }

    /** The first {@code len} values of row {@code b} of a (B, T) tensor; for (B, X) use len = X. */
    public static float[] rowValues(Tensor t, int b, int len) {
        float[] out = new float[len];
        System.arraycopy(t.data(), b * t.dim(1), out, 0, len);
        return out;
    }

    /** The encoding's offsets as [T][2]. */
    public static int[][] offsets(Encoding e) {
        int[][] out = new int[e.length()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[] {e.start(i), e.end(i)};
        }
        return out;
    }

    /** Fails when an input is longer than the model accepts (the pipelines that do not cut texts). */
    public static void requireFits(Encoding e, int maxLength, String what) {
        if (e.length() > maxLength) {
            throw new PipelineInputException("the " + what + " is " + e.length() + " tokens long, more than the "
                    + maxLength + " the model accepts; shorten it");
        }
    }

    /** The labels of a classifying head: {@code id2label}, or HF's {@code LABEL_i} when the config has none. */
    public static Id2Label id2label(BertConfig config, int numLabels) {
        return config.id2label().isEmpty() ? Id2Label.defaults(numLabels) : new Id2Label(config.id2label());
    }
}
