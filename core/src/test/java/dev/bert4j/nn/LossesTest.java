package dev.bert4j.nn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Loss values against hand computation. */
class LossesTest {
    @Test
    void crossEntropyIsTheMeanNegativeLogLikelihoodOverKeptRows() {
        float[] logits = {0, 0, 0, 0, (float) Math.log(3), 0, 5, 5, 5};       // 3 rows of 3 classes
        // row 0: uniform, -log(1/3); row 1: p(class 1) = 3/5; row 2 ignored
        double expected = (Math.log(3) + Math.log(5.0 / 3)) / 2;
        assertThat(new CrossEntropyLoss().forward(logits, new int[] {2, 1, -100}, 3, 3)).isCloseTo(expected, within(1e-7));
        assertThat(new CrossEntropyLoss(7).forward(logits, new int[] {2, 1, 7}, 3, 3)).isCloseTo(expected, within(1e-7));
    }

    @Test
    void crossEntropyIsStableForLargeLogitsAndNanWhenAllIgnored() {
        float[] logits = {1000, 0};
        assertThat(new CrossEntropyLoss().forward(logits, new int[] {1}, 1, 2)).isCloseTo(1000, within(1e-9));
        assertThat(new CrossEntropyLoss().forward(logits, new int[] {-100}, 1, 2)).isNaN();
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, new int[] {2}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 of row 0");
    }

    @Test
    void bceWithLogitsMatchesTheDefinition() {
        float[] x = {2f, -1f, 0f, 30f};
        float[] y = {1f, 0f, 1f, 0f};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-x[i]));
            expected += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log1p(-p));
        }
        // log1p(-p) for x = 30 loses digits in double; 30 + log(1 + e^-30) is the exact value
        expected = expected - (-Math.log1p(-1 / (1 + Math.exp(-30.0)))) + 30 + Math.log1p(Math.exp(-30.0));
        assertThat(new BCEWithLogitsLoss().forward(x, y)).isCloseTo(expected / 4, within(1e-9));
    }

    @Test
    void mseIsTheMeanSquaredDifference() {
        assertThat(new MSELoss().forward(new float[] {1, 2, 4}, new float[] {1, 0, 1})).isCloseTo((0 + 4 + 9) / 3.0,
                within(1e-12));
        assertThatThrownBy(() -> new MSELoss().forward(new float[] {1}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
