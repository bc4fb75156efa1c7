package dev.bert4j.train.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SeqevalMetricsTest {
    @Test
    void seqevalReadmeExample() {
        // seqeval's README: f1 0.50, accuracy 0.80; MISC found at 2..5 instead of 3..5 does not count.
        List<List<String>> gold = List.of(List.of("O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"),
                List.of("B-PER", "I-PER", "O"));
        List<List<String>> pred = List.of(List.of("O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"),
                List.of("B-PER", "I-PER", "O"));
        SeqevalMetrics m = SeqevalMetrics.compute(gold, pred);
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isEqualTo(0.5);
        assertThat(m.f1()).isEqualTo(0.5);
        assertThat(m.accuracy()).isCloseTo(0.8, within(1e-12));
        assertThat(m.perType()).containsExactly(new LabelScores("MISC", 0, 0, 0, 1), new LabelScores("PER", 1, 1, 1, 1));
        assertThat(m.asMap()).containsOnlyKeys("precision", "recall", "f1", "accuracy");
    }

    @Test
    void chunksAsGetEntitiesFindsThem() {
        assertThat(SeqevalMetrics.entitiesOf(List.of("B-PER", "I-PER", "O", "B-LOC")))
                .containsExactly(new Chunk("PER", 0, 1), new Chunk("LOC", 3, 3));
        // I- after O starts a chunk (IOB1 style, conlleval)
        assertThat(SeqevalMetrics.entitiesOf(List.of("O", "I-PER", "I-PER", "O"))).containsExactly(new Chunk("PER", 1, 2));
        // I- of another type after B- ends the first chunk and starts another
        assertThat(SeqevalMetrics.entitiesOf(List.of("B-PER", "I-LOC")))
                .containsExactly(new Chunk("PER", 0, 0), new Chunk("LOC", 1, 1));
        assertThat(SeqevalMetrics.entitiesOf(List.of("B-PER", "B-PER")))
                .containsExactly(new Chunk("PER", 0, 0), new Chunk("PER", 1, 1));
        // IOBES: S- is a chunk alone; E- closes; E- after O is a one-token chunk
        assertThat(SeqevalMetrics.entitiesOf(List.of("S-PER", "B-LOC", "I-LOC", "E-LOC", "O", "E-ORG")))
                .containsExactly(new Chunk("PER", 0, 0), new Chunk("LOC", 1, 3), new Chunk("ORG", 5, 5));
        // the type is everything after the first dash; a bare prefix has type "_"
        assertThat(SeqevalMetrics.entitiesOf(List.of("B-MISC-X", "I-MISC-X", "B", "I")))
                .containsExactly(new Chunk("MISC-X", 0, 1), new Chunk("_", 2, 3));
        // sentences are joined with an O after each, so a chunk never runs into the next sentence
        assertThat(SeqevalMetrics.entities(List.of(List.of("B-PER"), List.of("I-PER"))))
                .containsExactly(new Chunk("PER", 0, 0), new Chunk("PER", 2, 2));
    }

    @Test
    void workedExampleWithAnIobOneStartAndAWrongType() {
        // predicted I-PER I-PER at the start is the chunk PER 0..1, as gold's B-PER I-PER: one hit.
        // ORG 3..3 is not LOC 3..3. P = 1/2, R = 1/2; tokens right: positions 1 and 2 of 4.
        SeqevalMetrics m = SeqevalMetrics.compute(List.of(List.of("B-PER", "I-PER", "O", "B-LOC")),
                List.of(List.of("I-PER", "I-PER", "O", "B-ORG")));
        assertThat(m.f1()).isEqualTo(0.5);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.perType()).extracting(LabelScores::label).containsExactly("LOC", "ORG", "PER");
        assertThat(m.perType().get(1).support()).isZero();
    }

    @Test
    void noEntitiesAnywhereScoresZeroNotNaN() {
        SeqevalMetrics m = SeqevalMetrics.compute(List.of(List.of("O", "O")), List.of(List.of("O", "O")));
        assertThat(m.f1()).isZero();
        assertThat(m.accuracy()).isEqualTo(1.0);
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> SeqevalMetrics.entitiesOf(List.of("O", "PER")))
                .hasMessageContaining("'PER' at position 1");
        assertThatThrownBy(() -> SeqevalMetrics.compute(List.of(List.of("O")), List.of(List.of("O", "O"))))
                .hasMessageContaining("sentence 0");
    }
}
