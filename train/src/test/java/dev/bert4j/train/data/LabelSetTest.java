package dev.bert4j.train.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSetTest {
    private static List<LabeledText> examples(String... labels) {
        return java.util.Arrays.stream(labels).map(l -> LabeledText.single(1, "t", null, l)).toList();
    }

    @Test
    void fromExamplesSortsIntegersNumericallyAndNamesLexicographically() {
        assertThat(LabelSet.fromExamples(examples("10", "2", "0", "2")).names()).containsExactly("0", "2", "10");
        assertThat(LabelSet.fromExamples(examples("pos", "neg", "10", "neutral")).names())
                .containsExactly("10", "neg", "neutral", "pos");
        assertThat(LabelSet.fromExamples(List.of(new LabeledText(1, "t", null, List.of("b", "a"), true),
                LabeledText.single(2, "t", null, "c"))).names()).containsExactly("a", "b", "c");
    }

    @Test
    void fromExamplesMatchesByName() {
        LabelSet set = LabelSet.fromExamples(examples("3", "7"));
        assertThat(set.id("3", 1, "f")).isZero();
        assertThat(set.id("7", 1, "f")).isEqualTo(1);
        assertThatThrownBy(() -> set.id("1", 5, "dev.jsonl")).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dev.jsonl line 5: unknown label \"1\"");
    }

    @Test
    void givenNamesTakeIntegerLabelsAsIndexes() {
        LabelSet set = LabelSet.of(List.of("neg", "pos"));
        assertThat(set.id("pos", 1, "f")).isEqualTo(1);
        assertThat(set.id("0", 1, "f")).isZero();
        assertThat(set.id("1", 1, "f")).isEqualTo(1);
        assertThatThrownBy(() -> set.id("2", 9, "train.jsonl")).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.jsonl line 9: label 2 is not a class index");
        assertThatThrownBy(() -> set.id("neutral", 3, "train.jsonl"))
                .hasMessageStartingWith("train.jsonl line 3: unknown label \"neutral\"");
        assertThatThrownBy(() -> set.id("x", 3, null)).hasMessageStartingWith("line 3: unknown label");
    }

    @Test
    void givenIntegerNamesAreMatchedByNameOnly() {
        LabelSet stars = LabelSet.of(List.of("1", "2", "3", "4", "5"));
        assertThat(stars.id("1", 1, "f")).isZero();
        assertThat(stars.id("5", 1, "f")).isEqualTo(4);
        assertThatThrownBy(() -> stars.id("0", 2, "f")).hasMessageStartingWith("f line 2: unknown label \"0\"");
    }

    @Test
    void badNamesAreRejected() {
        assertThatThrownBy(() -> LabelSet.of(List.of("a", "a"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> LabelSet.of(List.of())).isInstanceOf(DatasetException.class);
        assertThatThrownBy(() -> LabelSet.of(List.of("a", " "))).isInstanceOf(DatasetException.class);
    }
}
