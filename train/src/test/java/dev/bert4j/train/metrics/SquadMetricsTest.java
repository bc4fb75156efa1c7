package dev.bert4j.train.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SquadMetricsTest {
    @Test
    void normalizesAsTheOfficialScript() {
        assertThat(SquadMetrics.normalizeAnswer("The Quick, brown fox!")).isEqualTo("quick brown fox");
        assertThat(SquadMetrics.normalizeAnswer("an apple a day")).isEqualTo("apple day");
        assertThat(SquadMetrics.normalizeAnswer("Theatre  then\tAnother")).isEqualTo("theatre then another");
        assertThat(SquadMetrics.normalizeAnswer("a-b (c)")).isEqualTo("ab c");
        assertThat(SquadMetrics.normalizeAnswer("  Denver   Broncos ")).isEqualTo("denver broncos");
        assertThat(SquadMetrics.normalizeAnswer("The")).isEmpty();
        assertThat(SquadMetrics.normalizeAnswer("Café «über»")).isEqualTo("café «über»"); // only ASCII punctuation
    }

    @Test
    void tokenF1IsABagOfWordsOverlap() {
        // pred [denver, broncos], gold [denver, broncos, team]: P 1, R 2/3 -> 0.8
        assertThat(SquadMetrics.f1("Denver Broncos", "the Denver Broncos team")).isCloseTo(0.8, within(1e-12));
        // x x y vs x y y: common x once, y once -> P = R = 2/3
        assertThat(SquadMetrics.f1("x x y", "x y y")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(SquadMetrics.f1("cats", "dogs")).isZero();
        assertThat(SquadMetrics.f1("the", "")).isEqualTo(1.0);
        assertThat(SquadMetrics.exactMatch("Broncos.", "the broncos")).isEqualTo(1.0);
    }

    @Test
    void aggregatesInPercentWithUnanswerableQuestions() {
        // q1: exact on the first gold (1, 1). q2: pred [panthers, team] vs [carolina, panthers]: (0, 0.5).
        // q3: unanswerable, empty prediction: (1, 1). q4: unanswerable, an answer given: (0, 0).
        SquadMetrics m = SquadMetrics.compute(List.of("Denver Broncos", "the Panthers team", "", "Santa Clara"),
                List.of(List.of("Denver Broncos", "The Broncos"), List.of("Carolina Panthers"), List.of(), List.of()));
        assertThat(m.exactMatch()).isCloseTo(50.0, within(1e-12));
        assertThat(m.f1()).isCloseTo(62.5, within(1e-12));
        assertThat(m.hasAnsTotal()).isEqualTo(2);
        assertThat(m.hasAnsExact()).isCloseTo(50.0, within(1e-12));
        assertThat(m.hasAnsF1()).isCloseTo(75.0, within(1e-12));
        assertThat(m.noAnsTotal()).isEqualTo(2);
        assertThat(m.noAnsExact()).isCloseTo(50.0, within(1e-12));
        assertThat(m.asMap()).containsOnlyKeys("exact_match", "f1");
    }

    @Test
    void bestOverGoldAnswers() {
        // EM from the second gold; F1 best is 1 from it as well
        SquadMetrics m = SquadMetrics.compute(List.of("Broncos"), List.of(List.of("Denver Broncos", "broncos.")));
        assertThat(m.exactMatch()).isEqualTo(100.0);
        assertThat(m.f1()).isEqualTo(100.0);
        assertThatThrownBy(() -> SquadMetrics.compute(List.of("a"), List.of())).hasMessageContaining("1 predictions");
    }
}
