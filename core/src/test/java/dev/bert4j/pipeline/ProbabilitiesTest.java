package dev.bert4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

    @Test
    void softmaxOfLogWeightsIsTheNormalizedWeights() {
        double[] p = Probabilities.softmax(Logits.ln(1, 3, 4));
        assertThat(p).containsExactly(new double[] {0.125, 0.375, 0.5}, within(1e-7));
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        double[] p = Probabilities.softmax(new float[] {1000f, 1000f});
        assertThat(p).containsExactly(0.5, 0.5);
    }

    @Test
    void sigmoidOfLogOddsIsTheProbability() {
        assertThat(Probabilities.sigmoid(Math.log(3))).isCloseTo(0.75, within(1e-12));
        assertThat(Probabilities.sigmoid(0)).isEqualTo(0.5);
    }

    @Test
    void argmaxTakesTheFirstOfEqualValuesLikeNumpy() {
        assertThat(Probabilities.argmax(new double[] {0.1, 0.7, 0.7, 0.1})).isEqualTo(1);
    }

    @Test
    void rankingReturnsTheBestFirstAndBreaksTiesByLowerIndex() {
        double[] values = {0.2, 0.5, 0.1, 0.5, 0.9};
        assertThat(Ranking.topIndices(values, 3)).containsExactly(4, 1, 3);
        assertThat(Ranking.topIndices(values, 5)).containsExactly(4, 1, 3, 0, 2);
        assertThatThrownBy(() -> Ranking.topIndices(values, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void id2labelDefaultsToHuggingFaceNames() {
        Id2Label labels = Id2Label.defaults(3);
        assertThat(labels.label(0)).isEqualTo("LABEL_0");
        assertThat(labels.label(2)).isEqualTo("LABEL_2");
        assertThat(labels.numLabels()).isEqualTo(3);
    }

    @Test
    void aMissingLabelIdIsAnErrorNamingTheIdAndTheKnownIds() {
        Id2Label labels = new Id2Label(Map.of(0, "NEG", 2, "POS"));
        assertThatThrownBy(() -> labels.label(1))
                .isInstanceOf(LabelMappingException.class)
                .hasMessageContaining("label id 1")
                .hasMessageContaining("[0, 2]")
                .hasMessageContaining("config.json");
    }

    @Test
    void softmaxOfAnEmptyRowIsAnErrorNotAnEmptyDistribution() {
        assertThatThrownBy(() -> Probabilities.softmax(new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
