package dev.bert4j.pipeline.embedding;

import dev.bert4j.model.BertInputs;
import dev.bert4j.model.PackedInputs;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tokenizers.Encoding;

import java.util.List;

/** Builds a right-padded {@link BertInputs} batch, or a {@link PackedInputs} one, from tokenizer encodings. */
final class Inputs {
    private Inputs() {
    }

    static BertInputs of(List<Encoding> encodings, List<Integer> idx) {
        int[][] ids = new int[idx.size()][];
        int[][] types = new int[idx.size()][];
        for (int b = 0; b < idx.size(); b++) {
            Encoding e = encodings.get(idx.get(b));
            int n = e.nonPaddingLength();
            ids[b] = java.util.Arrays.copyOf(e.ids(), n);
            types[b] = java.util.Arrays.copyOf(e.typeIds(), n);
        }
        return BertInputs.of(ids, types, 0);
    }

    /** The real tokens of {@code encodings[idx]}, packed; a text without any token is an error. */
    static PackedInputs packed(List<Encoding> encodings, int[] idx) {
        int[][] ids = new int[idx.length][];
        int[][] types = new int[idx.length][];
        for (int b = 0; b < idx.length; b++) {
            Encoding e = encodings.get(idx[b]);
            int n = e.nonPaddingLength();
            if (n == 0) {
                throw new PipelineInputException("text " + idx[b] + " has no tokens at all; the tokenizer adds no"
                        + " special tokens and the text is empty");
            }
            ids[b] = java.util.Arrays.copyOf(e.ids(), n);
            types[b] = java.util.Arrays.copyOf(e.typeIds(), n);
        }
        return PackedInputs.of(ids, types);
    }
}
