package dev.bert4j.viz;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.BertModelOutput;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.TinyBert;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Entropy, shares and rollout against values worked out by hand, and against a model whose attention is uniform. */
class AttentionSummariesTest {
    /** Layer 1 and 2 of a one-head model over [CLS] a [SEP]. */
    private static final float[] A1 = {1, 0, 0, 0.5f, 0.5f, 0, 0.2f, 0.3f, 0.5f};
    private static final float[] A2 = {0.1f, 0.6f, 0.3f, 0, 0, 1, 1 / 3f, 1 / 3f, 1 / 3f};
    private static final List<String> TOKENS = List.of("[CLS]", "a", "[SEP]");

    @Test
    void headSummariesMatchHandComputedValues() {
        AttentionReport r = AttentionReport.of("toy", "a", null, TOKENS, false, layers(), "[CLS]", "[SEP]");
        HeadSummary h = r.head(0, 0);
        // rows: 0; ln 2; -(0.2 ln 0.2 + 0.3 ln 0.3 + 0.5 ln 0.5) = 1.0296530140...; mean of the three
        assertThat(h.entropy()).isCloseTo((0.6931471805599453 + 1.0296530140645737) / 3, within(1e-7));
        assertThat(h.clsShare()).isCloseTo((1 + 0.5 + 0.2) / 3, within(1e-7));
        assertThat(h.sepShare()).isCloseTo(0.5 / 3, within(1e-7));
        assertThat(h.selfShare()).isCloseTo((1 + 0.5 + 0.5) / 3, within(1e-7));
        assertThat(r.head(1, 0).entropy()).isCloseTo((0.8979457248567798 + 0 + Math.log(3)) / 3, within(1e-6));
    }

    @Test
    void rolloutMatchesTheProductWorkedOutByHand() {
        // Â1 = (A1 + I) / 2 row by row: (1, 0, 0), (0.25, 0.75, 0), (0.1, 0.15, 0.75)
        // Â2 row 0 = (0.55, 0.3, 0.15); row 0 of Â2·Â1 = 0.55·(1,0,0) + 0.3·(0.25,0.75,0) + 0.15·(0.1,0.15,0.75)
        double[] rollout = AttentionSummaries.rollout(layers(), 0);
        assertThat(rollout).containsExactly(new double[] {0.64, 0.2475, 0.1125}, within(1e-7));
        double[][] all = AttentionSummaries.rolloutMatrix(layers());
        for (double[] row : all) {
            assertThat(Arrays.stream(row).sum()).isCloseTo(1, within(1e-12));
        }
        assertThat(all[1]).containsExactly(new double[] {0.175, 0.45, 0.375}, within(1e-7));
    }

    @Test
    void aHeadWithUniformAttentionHasEntropyLogT() {
        BertConfig c = TinyBert.config("gelu");
        Map<String, Tensor> w = TinyBert.weights(c, 7);
        for (int l = 0; l < c.numHiddenLayers(); l++) {           // zero queries and keys: every score is 0
            for (String n : List.of("query.weight", "query.bias", "key.weight", "key.bias")) {
                Arrays.fill(w.get("encoder.layer." + l + ".attention.self." + n).data(), 0f);
            }
        }
        BertModel model = BertModel.fromStateDict(c, w);
        int[] ids = {2, 17, 5, 33, 8, 41, 3};
        BertModelOutput out;
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            out = model.forward(ctx, BertInputs.single(ids), new ForwardOptions(false, true, false));
        }
        List<Tensor> attentions = new ArrayList<>();
        for (Tensor a : out.attentions()) {                        // (1, H, T, T) -> (H, T, T)
            attentions.add(new Tensor(Arrays.copyOfRange(a.shape(), 1, 4), a.data()));
        }
        List<String> tokens = List.of("[CLS]", "b", "c", "d", "e", "f", "[SEP]");
        AttentionReport r = AttentionReport.of("uniform", "b c d e f", null, tokens, false, attentions, "[CLS]", "[SEP]");
        int T = ids.length;
        assertThat(r.heads()).hasSize(c.numHiddenLayers() * c.numAttentionHeads());
        for (HeadSummary h : r.heads()) {
            assertThat(h.entropy()).as("layer %d head %d", h.layer(), h.head()).isCloseTo(Math.log(T), within(1e-6));
            assertThat(h.clsShare()).isCloseTo(1.0 / T, within(1e-6));
            assertThat(h.selfShare()).isCloseTo(1.0 / T, within(1e-6));
            assertThat(h.sepShare()).isCloseTo(1.0 / T, within(1e-6));
        }
        assertThat(Arrays.stream(r.rollout()).sum()).isCloseTo(1, within(1e-9));
    }

    private static List<Tensor> layers() {
        return List.of(new Tensor(new int[] {1, 3, 3}, A1.clone()), new Tensor(new int[] {1, 3, 3}, A2.clone()));
    }
}
