package dev.bert4j.pipeline.token;

import dev.bert4j.pipeline.Logits;
import dev.bert4j.pipeline.ToyWordPiece;
import java.util.ArrayList;
import java.util.List;

/** Builds token-classification windows token by token for tests. */
final class Windows {

    /** Labels used by most tests: p(label) = w / (w + 4) for a {@link Logits#peak} row of weight w. */
    static final int O = 0;
    static final int B_PER = 1;
    static final int I_PER = 2;
    static final int B_LOC = 3;
    static final int I_LOC = 4;

    private final ToyWordPiece vocab;
    private final int numLabels;
    private final List<float[]> logits = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<int[]> offsets = new ArrayList<>();
    private final List<Boolean> special = new ArrayList<>();

    Windows(ToyWordPiece vocab, int numLabels) {
        this.vocab = vocab;
        this.numLabels = numLabels;
    }

    /** A special token; its logits strongly favour the first non-O label so that dropping it matters. */
    Windows special(String token) {
        return add(token, 0, 0, Logits.peak(numLabels, 1, 1000), true);
    }

    /** A token predicting {@code label} with weight {@code w}: probability w / (w + numLabels - 1). */
    Windows token(String token, int start, int end, int label, double w) {
        return add(token, start, end, Logits.peak(numLabels, label, w), false);
    }

    private Windows add(String token, int start, int end, float[] row, boolean isSpecial) {
        logits.add(row);
        ids.add(vocab.id(token));
        offsets.add(new int[] {start, end});
        special.add(isSpecial);
        return this;
    }

    TokenClassificationWindow build() {
        boolean[] mask = new boolean[special.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = special.get(i);
        }
        return new TokenClassificationWindow(logits.toArray(float[][]::new),
                ids.stream().mapToInt(Integer::intValue).toArray(), offsets.toArray(int[][]::new), mask);
    }
}
