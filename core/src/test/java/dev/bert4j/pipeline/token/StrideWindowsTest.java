package dev.bert4j.pipeline.token;

import static dev.bert4j.pipeline.token.TokenClassificationPostprocessorTest.LABELS;
import static dev.bert4j.pipeline.token.TokenClassificationPostprocessorTest.STRINGS;
import static dev.bert4j.pipeline.token.TokenClassificationPostprocessorTest.VOCAB;
import static dev.bert4j.pipeline.token.TokenClassificationPostprocessorTest.assertGroup;
import static dev.bert4j.pipeline.token.Windows.B_LOC;
import static dev.bert4j.pipeline.token.Windows.B_PER;
import static dev.bert4j.pipeline.token.Windows.I_LOC;
import static dev.bert4j.pipeline.token.Windows.O;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected behaviour: HF's postprocess over several chunks and aggregate_overlapping_entities. */
class StrideWindowsTest {

    private final TokenClassificationPostprocessor ner = new TokenClassificationPostprocessor(LABELS, STRINGS,
            VOCAB.id("[UNK]"), SubwordRule.CONTINUING_SUBWORD_PREFIX);

    private static final String TEXT = "Ann met Bob in Paris";

    private static TokenClassificationWindow first(double bobWeight) {
        return new Windows(VOCAB, 5).special("[CLS]").token("Ann", 0, 3, B_PER, 16).token("met", 4, 7, O, 36)
                .token("Bob", 8, 11, B_PER, bobWeight).special("[SEP]").build();
    }

    private static TokenClassificationWindow second(double bobWeight) {
        return new Windows(VOCAB, 5).special("[CLS]").token("Bob", 8, 11, B_PER, bobWeight).token("in", 12, 14, O, 36)
                .token("Paris", 15, 20, B_LOC, 16).special("[SEP]").build();
    }

    @Test
    void anEntitySeenInTwoWindowsIsKeptOnceWithTheHigherScore() {
        List<Entity> entities = ner.postprocess(TEXT, List.of(first(6), second(36)), AggregationStrategy.SIMPLE);
        assertThat(entities).hasSize(3);
        assertGroup(entities.get(0), "PER", 0.8, "Ann", 0, 3);
        assertGroup(entities.get(1), "PER", 0.9, "Bob", 8, 11);
        assertGroup(entities.get(2), "LOC", 0.8, "Paris", 15, 20);

        List<Entity> reversed = ner.postprocess(TEXT, List.of(first(36), second(6)), AggregationStrategy.SIMPLE);
        assertGroup(reversed.get(1), "PER", 0.9, "Bob", 8, 11);
    }

    @Test
    void aLongerOverlappingEntityWinsOverAHigherScoringShorterOne() {
        String text = "in New York";
        TokenClassificationWindow cut = new Windows(VOCAB, 5).special("[CLS]").token("in", 0, 2, O, 36)
                .token("New", 3, 6, B_LOC, 36).special("[SEP]").build();
        TokenClassificationWindow whole = new Windows(VOCAB, 5).special("[CLS]").token("New", 3, 6, B_LOC, 6)
                .token("York", 7, 11, I_LOC, 6).special("[SEP]").build();
        List<Entity> entities = ner.postprocess(text, List.of(cut, whole), AggregationStrategy.FIRST);
        assertThat(entities).hasSize(1);
        assertGroup(entities.getFirst(), "LOC", 0.6, "New York", 3, 11);
    }

    @Test
    void severalWindowsNeedAnAggregationStrategy() {
        assertThatThrownBy(() -> ner.postprocess(TEXT, List.of(first(6), second(6)), AggregationStrategy.NONE))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("aggregation_strategy");
    }

    @Test
    void strideIsCheckedAsHuggingFaceDoes() {
        TokenClassificationPostprocessor.validateStride(128, 512, AggregationStrategy.SIMPLE);
        assertThatThrownBy(() -> TokenClassificationPostprocessor.validateStride(512, 512, AggregationStrategy.SIMPLE))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`stride` (512)");
        assertThatThrownBy(() -> TokenClassificationPostprocessor.validateStride(16, 512, AggregationStrategy.NONE))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("please select another one");
    }

    @Test
    void offsetsOutsideTheTextAreRejected() {
        TokenClassificationWindow window = new Windows(VOCAB, 5).token("Paris", 15, 25, B_LOC, 16).build();
        assertThatThrownBy(() -> ner.postprocess(TEXT, List.of(window), AggregationStrategy.SIMPLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the text");
    }
}
