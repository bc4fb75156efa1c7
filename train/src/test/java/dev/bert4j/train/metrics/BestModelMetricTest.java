package dev.bert4j.train.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BestModelMetricTest {
    @Test
    void lossIsLowerIsBetterEverythingElseHigher() {
        assertThat(BestModelMetric.of("eval_loss").greaterIsBetter()).isFalse();
        assertThat(BestModelMetric.of("loss").isBetter(0.4, 0.5)).isTrue();
        assertThat(BestModelMetric.of("f1").greaterIsBetter()).isTrue();
        assertThat(BestModelMetric.of("accuracy").isBetter(0.4, 0.5)).isFalse();
        assertThat(BestModelMetric.of("accuracy").isBetter(0.4, Double.NaN)).isTrue();
        assertThat(BestModelMetric.of("accuracy").isBetter(Double.NaN, 0.1)).isFalse();
    }

    @Test
    void findsTheValueWithOrWithoutTheEvalPrefix() {
        Map<String, Double> metrics = Map.of("eval_f1", 0.9, "eval_loss", 0.3);
        assertThat(BestModelMetric.of("f1").valueIn(metrics)).isEqualTo(0.9);
        assertThat(BestModelMetric.of("eval_loss").valueIn(metrics)).isEqualTo(0.3);
        assertThat(BestModelMetric.of("eval_f1").valueIn(Map.of("f1", 0.7))).isEqualTo(0.7);
        assertThatThrownBy(() -> BestModelMetric.of("accuracy").valueIn(metrics))
                .hasMessageContaining("'accuracy'").hasMessageContaining("[eval_f1, eval_loss]");
    }
}
