package dev.bert4j.train.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LrScheduleTest {
    private static final double BASE = 2e-5;

    @Test
    void linearAtTheBoundaries() {
        // HF: s < 10 ? s / 10 : max(0, (100 - s) / 90)
        LrSchedule s = LrSchedule.parse("linear", BASE, 10, 100);
        assertThat(s.lr(0)).isZero();
        assertThat(s.lr(5)).isCloseTo(BASE * 0.5, within(1e-18));
        assertThat(s.lr(10)).isCloseTo(BASE, within(1e-18));
        assertThat(s.lr(55)).isCloseTo(BASE * 0.5, within(1e-18));
        assertThat(s.lr(99)).isCloseTo(BASE / 90, within(1e-18));
        assertThat(s.lr(100)).isZero();
        assertThat(s.lr(150)).isZero();
        // no warm-up: the first step runs at the full rate
        assertThat(LrSchedule.linear(BASE, 0, 100).lr(0)).isEqualTo(BASE);
    }

    @Test
    void cosineAtTheBoundaries() {
        // HF (num_cycles 0.5): progress = (s - 10) / 90; max(0, 0.5 * (1 + cos(pi * progress)))
        LrSchedule s = LrSchedule.parse("cosine", BASE, 10, 100);
        assertThat(s.lr(0)).isZero();
        assertThat(s.lr(4)).isCloseTo(BASE * 0.4, within(1e-18));
        assertThat(s.lr(10)).isCloseTo(BASE, within(1e-18));
        assertThat(s.lr(55)).isCloseTo(BASE * 0.5, within(1e-18));
        assertThat(s.lr(100)).isCloseTo(0, within(1e-20));
        // beyond the end HF's formula rises again: python 0.5*(1+cos(pi*140/90)) = 0.586824088833465
        assertThat(s.lr(150)).isCloseTo(BASE * 0.586824088833465, within(1e-18));
    }

    @Test
    void constantSchedules() {
        assertThat(LrSchedule.parse("constant", BASE, 10, 100).lr(0)).isEqualTo(BASE);
        LrSchedule w = LrSchedule.parse("constant_with_warmup", BASE, 4, 100);
        assertThat(w.lr(0)).isZero();
        assertThat(w.lr(1)).isCloseTo(BASE / 4, within(1e-18));
        assertThat(w.lr(4)).isEqualTo(BASE);
        assertThat(w.lr(1000)).isEqualTo(BASE);
    }

    @Test
    void warmupFromRatioRoundsUpAsPythonDoes() {
        assertThat(LrSchedule.warmupSteps(0, 0.1, 95)).isEqualTo(10);   // ceil(9.5)
        assertThat(LrSchedule.warmupSteps(0, 0.07, 100)).isEqualTo(8);  // 100 * 0.07 = 7.000000000000001
        assertThat(LrSchedule.warmupSteps(0, 0.06, 1000)).isEqualTo(60);
        assertThat(LrSchedule.warmupSteps(5, 0.5, 1000)).isEqualTo(5);  // explicit steps win
        assertThat(LrSchedule.warmupSteps(0, 0.0, 1000)).isZero();
        assertThatThrownBy(() -> LrSchedule.warmupSteps(0, 1.5, 10)).hasMessageContaining("ratio");
    }

    @Test
    void unknownNameIsAClearError() {
        assertThatThrownBy(() -> LrSchedule.parse("polynomial", BASE, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'polynomial'").hasMessageContaining("constant_with_warmup");
    }
}
