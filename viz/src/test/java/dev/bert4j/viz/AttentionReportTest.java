package dev.bert4j.viz;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The report on the real all-MiniLM-L6-v2: the pipeline's numbers, and summaries that hold for any model. */
class AttentionReportTest {
    @Test
    void holdsTheFeatureExtractionAttentionsAndConsistentSummaries() {
        LoadedModel model = MiniLm.model();
        AttentionReport r;
        TokenFeatures f;
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            r = AttentionReport.of(model, ctx, "The cat sat on the mat.", "It was tired.");
            f = new FeatureExtractionPipeline(model).extract(ctx, "The cat sat on the mat.", "It was tired.", false, true);
        }
        assertThat(r.tokens()).containsExactly(f.tokens());
        assertThat(r.tokens().getFirst()).isEqualTo("[CLS]");
        assertThat(r.numLayers()).isEqualTo(6);
        assertThat(r.numHeads()).isEqualTo(12);
        for (int l = 0; l < 6; l++) {
            assertThat(r.attentions().get(l).shape()).containsExactly(f.attentions().get(l).shape());
            assertThat(r.attentions().get(l).data()).containsExactly(f.attentions().get(l).data());
        }
        int T = r.tokens().size();
        assertThat(Arrays.stream(r.rollout()).sum()).isCloseTo(1, within(1e-9));
        assertThat(Arrays.stream(r.rollout()).allMatch(v -> v >= 0 && v <= 1)).isTrue();
        assertThat(r.heads()).hasSize(72).allSatisfy(h -> {
            assertThat(h.entropy()).isBetween(0.0, Math.log(T) + 1e-6);
            assertThat(h.clsShare() + h.sepShare()).isBetween(0.0, 1 + 1e-6);
            assertThat(h.selfShare()).isBetween(0.0, 1 + 1e-6);
        });
        HeadSummary h = r.head(2, 5);
        assertThat(h.layer()).isEqualTo(2);
        assertThat(h.head()).isEqualTo(5);
        double self = 0;
        for (int i = 0; i < T; i++) {
            self += r.attention(2, 5, i, i);
        }
        assertThat(h.selfShare()).isCloseTo(self / T, within(1e-6));
    }

    @Test
    void refusesAttentionsThatDoNotFitTheTokens() {
        Tensor a = new Tensor(new int[] {1, 2, 2}, new float[] {1, 0, 0, 1});
        assertThatThrownBy(() -> AttentionReport.of("m", "x", null, List.of("a", "b", "c"), false, List.of(a), null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit 3 tokens");
    }
}
