package dev.bert4j.train.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClassificationMetricsTest {
    @Test
    void scikitLearnDocumentationExample() {
        // sklearn's precision_recall_fscore_support docs: macro (0.22, 0.33, 0.26), weighted likewise.
        // A: tp 2, predicted 3, gold 2 -> P 2/3, R 1, F1 0.8; B and C: no true positive -> 0.
        // Label D occurs nowhere and is left out of the averages (labels=None).
        ClassificationMetrics m = ClassificationMetrics.compute(new int[] {0, 1, 2, 0, 1, 2},
                new int[] {0, 2, 1, 0, 0, 1}, List.of("A", "B", "C", "D"));
        assertThat(m.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.macroPrecision()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(m.macroRecall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.macroF1()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(m.weightedPrecision()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(m.weightedRecall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.weightedF1()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(m.perLabel()).extracting(LabelScores::label).containsExactly("A", "B", "C");
        assertThat(m.perLabel().get(0).f1()).isCloseTo(0.8, within(1e-12));
        assertThat(m.perLabel().get(0).support()).isEqualTo(2);
    }

    @Test
    void aLabelOnlyPredictedCountsInTheMacroAverageWithZeroScores() {
        // A: tp 1, pred 1, gold 2 -> (1, 0.5, 2/3); B: (1, 1, 1); C: only predicted -> (0, 0, 0), support 0.
        // macro: P 2/3, R 1/2, F1 5/9; weighted by support (2, 1, 0): P 1, R 2/3, F1 7/9.
        ClassificationMetrics m = ClassificationMetrics.compute(new int[] {0, 0, 1}, new int[] {0, 2, 1},
                List.of("A", "B", "C"));
        assertThat(m.asMap()).containsKeys("accuracy", "macro_precision", "macro_recall", "macro_f1",
                "weighted_precision", "weighted_recall", "weighted_f1");
        assertThat(m.asMap().get("accuracy")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.macroPrecision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.macroRecall()).isCloseTo(0.5, within(1e-12));
        assertThat(m.macroF1()).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(m.weightedPrecision()).isCloseTo(1.0, within(1e-12));
        assertThat(m.weightedRecall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.weightedF1()).isCloseTo(7.0 / 9, within(1e-12));
        assertThat(m.perLabel().get(2)).isEqualTo(new LabelScores("C", 0, 0, 0, 0));
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[] {0}, new int[] {0, 1}, List.of("A", "B")))
                .hasMessageContaining("1 gold labels but 2 predictions");
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[] {0}, new int[] {2}, List.of("A", "B")))
                .hasMessageContaining("predicted label 2 at example 0");
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[0], new int[0], List.of("A")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
