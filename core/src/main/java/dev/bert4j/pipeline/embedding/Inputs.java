package dev.bert4j.pipeline.embedding;

import dev.bert4j.model.BertInputs;
import dev.bert4j.tokenizers.Encoding;

import java.util.List;

/** Builds a right-padded {@link BertInputs} batch from tokenizer encodings. */
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
}
