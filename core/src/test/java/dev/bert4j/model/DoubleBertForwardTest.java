package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole forward pass (encoder, pooler, next-sentence head) against {@link DoubleBert}, computed from the
 * weights alone in double precision: no expected value comes from bert4j's own output. The batch has padding
 * before, between and after real tokens, and one config's {@code layer_norm_eps} is large enough to change
 * every LayerNorm's output.
 */
class DoubleBertForwardTest {
    private static final int T = 9;
    /** Rows of (ids, mask): no padding, left padded, holes in the middle, tail padded. */
    private static final int[][] IDS = {
        {1, 5, 7, 9, 11, 13, 15, 17, 2}, {0, 0, 0, 1, 6, 8, 10, 12, 2}, {1, 3, 0, 4, 0, 0, 6, 8, 2},
        {1, 30, 31, 2, 0, 0, 0, 0, 0}};
    private static final int[][] MASK = {
        {1, 1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1, 1, 1}, {1, 1, 0, 1, 0, 0, 1, 1, 1},
        {1, 1, 1, 1, 0, 0, 0, 0, 0}};

    static BertConfig config(double layerNormEps) {
        return new BertConfig(40, 32, 2, 2, 64, "gelu", 0.1, 0.1, 16, 2, 0.02, layerNormEps, "absolute", 0, null,
                Map.of(), Map.of(), null, List.of(), "bert");
    }

    static BertInputs batch() {
        int B = IDS.length;
        int[] ids = new int[B * T];
        int[] types = new int[B * T];
        int[] mask = new int[B * T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                ids[b * T + t] = IDS[b][t];
                mask[b * T + t] = MASK[b][t];
                types[b * T + t] = t >= 5 && MASK[b][t] == 1 ? 1 : 0;
            }
        }
        return new BertInputs(ids, types, mask, B, T);
    }

    @ParameterizedTest(name = "layer_norm_eps={0}")
    @ValueSource(doubles = {1e-12, 0.05})
    void encoderPoolerAndNextSentenceHeadMatchDoublePrecision(double eps) {
        BertConfig c = config(eps);
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.NEXT_SENTENCE_PREDICTION, c, 77);
        BertForNextSentencePrediction model = BertForNextSentencePrediction.fromStateDict(c, w);
        DoubleBert ref = new DoubleBert(c, w);
        BertInputs in = batch();
        double[][] hidden = ref.encoder(in);                                        // (B*T, C)
        double[][] pooled = ref.pooled(hidden, in.batchSize(), T);                  // (B, C)
        double[][] logits = ref.linear(pooled, "cls.seq_relationship.");           // (B, 2)
        try (ComputeContext fast = ComputeContext.inference(2)) {
            for (ComputeContext ctx : new ComputeContext[] {ComputeContext.reference(), fast}) {
                NextSentencePredictorOutput out = model.forward(ctx, in);
                String what = (ctx == fast ? "fast" : "reference") + " kernels, eps=" + eps;
                assertClose(out.bertOutput().lastHiddenState(), hidden, what + ": last_hidden_state");
                assertClose(out.bertOutput().poolerOutput(), pooled, what + ": pooler_output");
                assertClose(out.logits(), logits, what + ": seq_relationship logits");
            }
        }
    }

    @ParameterizedTest(name = "layer_norm_eps={0}")
    @ValueSource(doubles = {1e-12, 0.05})
    void thePoolerIsTanhOfTheDenseFirstRowNotItsOwnOutputAgain(double eps) {
        BertConfig c = config(eps);
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.NEXT_SENTENCE_PREDICTION, c, 78);
        BertInputs in = batch();
        double[][] hidden = new DoubleBert(c, w).encoder(in);
        Tensor pooled = BertForNextSentencePrediction.fromStateDict(c, w).forward(ComputeContext.reference(), in)
                .bertOutput().poolerOutput();
        int C = c.hiddenSize();
        float[] wt = w.get("bert.pooler.dense.weight").data();
        float[] bias = w.get("bert.pooler.dense.bias").data();
        boolean saturatedSomewhere = false;
        for (int b = 0; b < in.batchSize(); b++) {
            for (int o = 0; o < C; o++) {
                double pre = bias[o];
                for (int k = 0; k < C; k++) {
                    pre += hidden[b * T][k] * wt[o * C + k];
                }
                saturatedSomewhere |= Math.abs(pre) > 2;                 // where tanh(x) and x differ by far
                assertThat((double) pooled.data()[b * C + o]).as("pooled[%d][%d]", b, o)
                        .isCloseTo(Math.tanh(pre), within(1e-4));
            }
        }
        assertThat(saturatedSomewhere).as("the data reaches where tanh bends").isTrue();
    }

    private static void assertClose(Tensor actual, double[][] expected, String what) {
        int X = expected[0].length;
        assertThat(actual.numel()).as(what + " size").isEqualTo(expected.length * X);
        for (int r = 0; r < expected.length; r++) {
            for (int i = 0; i < X; i++) {
                double e = expected[r][i];
                assertThat((double) actual.data()[r * X + i]).as("%s row %d col %d", what, r, i)
                        .isCloseTo(e, within(1e-4 * Math.max(1, Math.abs(e))));
            }
        }
    }
}
