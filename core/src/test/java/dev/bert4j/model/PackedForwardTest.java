package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packed forward gives, for each sequence, the numbers the padded forward gives for its real tokens. */
class PackedForwardTest {
    /** Head size 32 so the vector kernel's blocked paths run, positions enough for a 70-token sequence. */
    private static final BertConfig CONFIG = new BertConfig(60, 64, 2, 2, 128, "gelu", 0.1, 0.1, 80, 2, 0.02,
            1e-12, "absolute", 0, null, Map.of(), Map.of(), null, List.of(), "bert");
    private static final int[] LENGTHS = {1, 3, 17, 70, 9, 33, 8, 2};

    @Test
    void packedEqualsEachSequenceAloneWithBothKernels() {
        BertModel m = BertModel.fromStateDict(CONFIG, HeadFixtures.encoder(CONFIG, 7, "", true));
        int[][] ids = ids(LENGTHS, 11);
        int[][] types = types(LENGTHS);
        PackedInputs packed = PackedInputs.of(ids, types);
        try (ComputeContext fast = ComputeContext.inference(2)) {
            for (ComputeContext ctx : new ComputeContext[] {ComputeContext.reference(), fast}) {
                PackedOutput out = m.forwardPacked(ctx, packed);
                assertThat(out.lastHiddenState()).hasSize(packed.tokens() * CONFIG.hiddenSize());
                for (int b = 0; b < ids.length; b++) {
                    BertModelOutput alone = m.forward(ctx, BertInputs.of(new int[][] {ids[b]},
                            new int[][] {types[b]}, 0));
                    assertClose(out.tokenRows(b), rows(alone.lastHiddenState(), 0, ids[b].length), 2e-6);
                    assertClose(new float[][] {out.pooled(b)}, new float[][] {row(alone.poolerOutput(), 0)}, 2e-6);
                }
            }
        }
    }

    @Test
    void packedEqualsTheRealRowsOfAPaddedBatch() {
        BertModel m = BertModel.fromStateDict(CONFIG, HeadFixtures.encoder(CONFIG, 8, "", true));
        int[][] ids = ids(LENGTHS, 12);
        int[][] types = types(LENGTHS);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            PackedOutput packed = m.forwardPacked(ctx, PackedInputs.of(ids, types));
            BertModelOutput padded = m.forward(ctx, BertInputs.of(ids, types, 0));
            for (int b = 0; b < ids.length; b++) {
                assertClose(packed.tokenRows(b), rows(padded.lastHiddenState(), b, ids[b].length), 2e-6);
                assertClose(new float[][] {packed.pooled(b)}, new float[][] {row(padded.poolerOutput(), b)}, 2e-6);
            }
        }
    }

    @Test
    void rejectsWhatThePaddedForwardRejects() {
        BertModel m = BertModel.fromStateDict(CONFIG, HeadFixtures.encoder(CONFIG, 9, "", true));
        assertThatThrownBy(() -> m.forwardPacked(ComputeContext.reference(),
                PackedInputs.of(new int[][] {new int[81]}, null)))
                .isInstanceOf(BertInputException.class).hasMessageContaining("max_position_embeddings 80");
        assertThatThrownBy(() -> m.forwardPacked(ComputeContext.reference(),
                PackedInputs.of(new int[][] {{1, 2}, {60}}, null)))
                .isInstanceOf(BertInputException.class).hasMessageContaining("input_ids[2] = 60");
        assertThatThrownBy(() -> PackedInputs.of(new int[][] {{1}, {}}, null))
                .isInstanceOf(BertInputException.class).hasMessageContaining("sequence 1");
    }

    private static int[][] ids(int[] lengths, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] ids = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            ids[b] = r.ints(lengths[b], 1, CONFIG.vocabSize()).toArray();
        }
        return ids;
    }

    /** Segment A for the first half of each sequence, B after. */
    private static int[][] types(int[] lengths) {
        int[][] types = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            types[b] = new int[lengths[b]];
            for (int i = lengths[b] / 2; i < lengths[b]; i++) {
                types[b][i] = 1;
            }
        }
        return types;
    }

    private static float[][] rows(Tensor t, int b, int len) {
        int T = t.dim(1);
        int C = t.dim(2);
        float[][] out = new float[len][C];
        for (int i = 0; i < len; i++) {
            System.arraycopy(t.data(), (b * T + i) * C, out[i], 0, C);
        }
        return out;
    }

    private static float[] row(Tensor t, int b) {
        int C = t.dim(1);
        float[] out = new float[C];
        System.arraycopy(t.data(), b * C, out, 0, C);
        return out;
    }

    private static void assertClose(float[][] actual, float[][] expected, double tol) {
        assertThat(actual.length).isEqualTo(expected.length);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < actual[i].length; j++) {
                max = Math.max(max, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        assertThat(max).isLessThanOrEqualTo(tol);
    }
}
