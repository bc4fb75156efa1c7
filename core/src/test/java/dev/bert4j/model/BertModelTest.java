package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BertModelTest {
    private static final BertInputs BATCH = BertInputs.of(new int[][] {{1, 5, 7, 2}, {1, 9, 2}, {1, 3, 4, 6, 8, 2}},
            new int[][] {{0, 0, 1, 1}, {0, 0, 0}, {0, 0, 0, 1, 1, 1}}, 0);

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_new", "relu", "silu"})
    void fastKernelsMatchTheScalarReference(String act) {
        BertConfig c = TinyBert.config(act);
        BertModel m = BertModel.fromStateDict(c, TinyBert.weights(c, 1));
        try (ComputeContext fast = ComputeContext.inference(2)) {
            BertModelOutput a = m.forward(ComputeContext.reference(), BATCH, ForwardOptions.ALL);
            BertModelOutput b = m.forward(fast, BATCH, ForwardOptions.ALL);
            assertClose(a.lastHiddenState(), b.lastHiddenState(), 2e-5);
            assertClose(a.poolerOutput(), b.poolerOutput(), 2e-5);
            for (int l = 0; l < c.numHiddenLayers(); l++) {
                assertClose(a.attentions().get(l), b.attentions().get(l), 2e-5);
            }
        }
    }

    @Test
    void returnsHiddenStatesAttentionsAndCacheWhenAsked() {
        BertConfig c = TinyBert.config("gelu");
        BertModel m = BertModel.fromStateDict(c, TinyBert.weights(c, 2));
        BertModelOutput out = m.forward(ComputeContext.reference(), BATCH, new ForwardOptions(true, true, true));
        assertThat(out.hiddenStates()).hasSize(c.numHiddenLayers() + 1);
        assertThat(java.util.Arrays.equals(out.hiddenStates().getLast().data(), out.lastHiddenState().data())).isTrue();
        assertThat(out.attentions()).hasSize(c.numHiddenLayers());
        Tensor att = out.attentions().getFirst();
        assertThat(att.shape()).containsExactly(3, 3, 6, 6);
        for (int row = 0; row < 3 * 3 * 6; row++) {
            double sum = 0;
            for (int j = 0; j < 6; j++) {
                sum += att.data()[row * 6 + j];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
        // sequence 1 has 3 real tokens: no attention on its padding
        assertThat(att.data()[((1 * 3) * 6) * 6 + 4]).isZero();
        assertThat(out.poolerOutput().shape()).containsExactly(3, 12);
        assertThat(out.cache().layers()).hasSize(c.numHiddenLayers());
        assertThat(BertModel.fromStateDict(c, TinyBert.weights(c, 2)).stateDict()).hasSize(TinyBert.weights(c, 2).size());
    }

    @Test
    void strictLoadingNamesThePathAndBothShapes() {
        BertConfig c = TinyBert.config("gelu");
        Map<String, Tensor> w = TinyBert.weights(c, 3);
        Map<String, Tensor> missing = new LinkedHashMap<>(w);
        missing.remove("encoder.layer.1.output.dense.bias");
        assertThatThrownBy(() -> BertModel.fromStateDict(c, missing)).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("encoder.layer.1.output.dense.bias").hasMessageContaining("[12]");
        Map<String, Tensor> misShaped = new LinkedHashMap<>(w);
        misShaped.put("encoder.layer.0.intermediate.dense.weight", Tensor.zeros(24, 12));
        assertThatThrownBy(() -> BertModel.fromStateDict(c, misShaped)).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("encoder.layer.0.intermediate.dense.weight")
                .hasMessageContaining("[24, 12]").hasMessageContaining("[20, 12]");
        Map<String, Tensor> extra = new LinkedHashMap<>(w);
        extra.put("encoder.layer.2.output.dense.bias", Tensor.zeros(12));
        assertThatThrownBy(() -> BertModel.fromStateDict(c, extra)).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("unexpected").hasMessageContaining("encoder.layer.2.output.dense.bias");
    }

    @Test
    void acceptsBertPrefixIgnorablesAndNoPooler() {
        BertConfig c = TinyBert.config("gelu");
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        TinyBert.weights(c, 4).forEach((k, v) -> {
            if (!k.startsWith("pooler.")) {
                prefixed.put("bert." + k, v);
            }
        });
        prefixed.put("bert.embeddings.position_ids", Tensor.zeros(1, 16));
        prefixed.put("cls.predictions.bias", Tensor.zeros(50));
        BertModel m = BertModel.fromStateDict(c, prefixed);
        assertThat(m.hasPooler()).isFalse();
        assertThat(m.forward(ComputeContext.reference(), BATCH).poolerOutput()).isNull();
    }

    @Test
    void badInputsGetSpecificErrors() {
        BertConfig c = TinyBert.config("gelu");
        BertModel m = BertModel.fromStateDict(c, TinyBert.weights(c, 5));
        assertThatThrownBy(() -> m.forward(ComputeContext.reference(), BertInputs.single(1, 50, 2)))
                .isInstanceOf(BertInputException.class).hasMessageContaining("vocab_size");
        assertThatThrownBy(() -> m.forward(ComputeContext.reference(), BertInputs.single(new int[17])))
                .isInstanceOf(BertInputException.class).hasMessageContaining("max_position_embeddings 16");
        assertThatThrownBy(() -> new BertInputs(new int[3], new int[3], new int[2], 1, 3))
                .isInstanceOf(BertInputException.class).hasMessageContaining("attention_mask");
    }

    static void assertClose(Tensor a, Tensor b, double tol) {
        assertThat(b.shape()).containsExactly(a.shape());
        double worst = 0;
        for (int i = 0; i < a.numel(); i++) {
            worst = Math.max(worst, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(tol);
    }
}
