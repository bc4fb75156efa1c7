package dev.bert4j.pipeline.token;

import static dev.bert4j.pipeline.token.Windows.B_LOC;
import static dev.bert4j.pipeline.token.Windows.B_PER;
import static dev.bert4j.pipeline.token.Windows.I_LOC;
import static dev.bert4j.pipeline.token.Windows.I_PER;
import static dev.bert4j.pipeline.token.Windows.O;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bert4j.pipeline.Id2Label;
import dev.bert4j.pipeline.ToyWordPiece;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values follow HF's TokenClassificationPipeline (gather_pre_entities, aggregate,
 * aggregate_words, group_entities). A token row of weight w gives its label w / (w + 4) and every
 * other label 1 / (w + 4): w = 16 -> 0.8, w = 6 -> 0.6, w = 36 -> 0.9.
 */
class TokenClassificationPostprocessorTest {

    static final double EPS = 1e-6;
    static final String TEXT = "Wolfgang lives in Berlin";

    static final ToyWordPiece VOCAB = new ToyWordPiece("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Wolf", "##gang",
            "gang", "lives", "in", "Berlin", "Ann", "Bob", "met", "Paris", "New", "York", ".");
    static final Id2Label LABELS = new Id2Label(Map.of(O, "O", B_PER, "B-PER", I_PER, "I-PER", B_LOC, "B-LOC",
            I_LOC, "I-LOC"));
    static final TokenStrings STRINGS = new TokenStrings() {
        @Override
        public String idToToken(int id) {
            return VOCAB.token(id);
        }

        @Override
        public String tokensToString(List<String> tokens) {
            return ToyWordPiece.tokensToString(tokens);
        }
    };

    private final TokenClassificationPostprocessor ner =
            new TokenClassificationPostprocessor(LABELS, STRINGS, VOCAB.id("[UNK]"), SubwordRule.CONTINUING_SUBWORD_PREFIX);

    /** [CLS] Wolf ##gang lives in Berlin [SEP] with the given labels and weights for Wolf and ##gang. */
    static TokenClassificationWindow wolfgang(int wolfLabel, double wolfW, int gangLabel, double gangW) {
        return new Windows(VOCAB, 5).special("[CLS]")
                .token("Wolf", 0, 4, wolfLabel, wolfW).token("##gang", 4, 8, gangLabel, gangW)
                .token("lives", 9, 14, O, 36).token("in", 15, 17, O, 36).token("Berlin", 18, 24, B_LOC, 16)
                .special("[SEP]").build();
    }

    private List<Entity> run(TokenClassificationWindow window, AggregationStrategy strategy, List<String> ignore) {
        return ner.postprocess(TEXT, List.of(window), strategy, ignore);
    }

    static void assertGroup(Entity actual, String label, double score, String word, int start, int end) {
        assertThat(actual).isInstanceOf(EntityGroup.class);
        assertThat(actual.label()).isEqualTo(label);
        assertThat(actual.score()).isCloseTo(score, within(EPS));
        assertThat(actual.word()).isEqualTo(word);
        assertThat(actual.start()).isEqualTo(start);
        assertThat(actual.end()).isEqualTo(end);
    }

    private static void assertToken(Entity actual, String label, double score, int index, String word, int start,
            int end) {
        assertThat(actual).isInstanceOf(TokenEntity.class);
        TokenEntity token = (TokenEntity) actual;
        assertThat(token.entity()).isEqualTo(label);
        assertThat(token.score()).isCloseTo(score, within(EPS));
        assertThat(token.index()).isEqualTo(index);
        assertThat(token.word()).isEqualTo(word);
        assertThat(token.start()).isEqualTo(start);
        assertThat(token.end()).isEqualTo(end);
    }

    @Test
    void noneGivesEachNonSpecialTokenWithItsWindowIndexAndDropsO() {
        List<Entity> entities = ner.postprocess(TEXT, List.of(wolfgang(B_PER, 16, I_PER, 6)), AggregationStrategy.NONE);
        assertThat(entities).hasSize(3);
        assertToken(entities.get(0), "B-PER", 0.8, 1, "Wolf", 0, 4);
        assertToken(entities.get(1), "I-PER", 0.6, 2, "##gang", 4, 8);
        assertToken(entities.get(2), "B-LOC", 0.8, 5, "Berlin", 18, 24);
    }

    @Test
    void noneComparesIgnoreLabelsWithTheFullLabel() {
        TokenClassificationWindow window = wolfgang(B_PER, 16, I_PER, 6);
        // "LOC" is not "B-LOC": nothing of LOC is dropped, and O is no longer ignored
        assertThat(run(window, AggregationStrategy.NONE, List.of("LOC"))).extracting(Entity::label)
                .containsExactly("B-PER", "I-PER", "O", "O", "B-LOC");
        assertThat(run(window, AggregationStrategy.NONE, List.of("O", "B-LOC"))).extracting(Entity::label)
                .containsExactly("B-PER", "I-PER");
    }

    @Test
    void simpleGroupsBThenIOfOneTagAndAveragesScores() {
        List<Entity> entities = run(wolfgang(B_PER, 16, I_PER, 6), AggregationStrategy.SIMPLE, List.of("O"));
        assertThat(entities).hasSize(2);
        assertGroup(entities.get(0), "PER", 0.7, "Wolfgang", 0, 8);
        assertGroup(entities.get(1), "LOC", 0.8, "Berlin", 18, 24);
    }

    @Test
    void groupsAreFilteredByTheirPrefixLessLabel() {
        List<Entity> all = run(wolfgang(B_PER, 16, I_PER, 6), AggregationStrategy.SIMPLE, List.of());
        assertThat(all).hasSize(3);
        assertGroup(all.get(1), "O", 0.9, "lives in", 9, 17);
        assertThat(run(wolfgang(B_PER, 16, I_PER, 6), AggregationStrategy.SIMPLE, List.of("O", "LOC")))
                .extracting(Entity::label).containsExactly("PER");
    }

    @Test
    void simpleSplitsAWordWhoseTokensDisagree() {
        List<Entity> entities = run(wolfgang(B_PER, 16, B_LOC, 6), AggregationStrategy.SIMPLE, List.of("O"));
        assertThat(entities).hasSize(3);
        assertGroup(entities.get(0), "PER", 0.8, "Wolf", 0, 4);
        assertGroup(entities.get(1), "LOC", 0.6, "##gang", 4, 8);
        assertGroup(entities.get(2), "LOC", 0.8, "Berlin", 18, 24);
    }

    @Test
    void firstTakesTheLabelOfTheWordsFirstToken() {
        List<Entity> entities = run(wolfgang(B_PER, 16, B_LOC, 36), AggregationStrategy.FIRST, List.of("O"));
        assertThat(entities).hasSize(2);
        assertGroup(entities.get(0), "PER", 0.8, "Wolfgang", 0, 8);
        assertGroup(entities.get(1), "LOC", 0.8, "Berlin", 18, 24);
    }

    @Test
    void maxTakesTheLabelOfTheWordsMostConfidentToken() {
        List<Entity> entities = run(wolfgang(B_PER, 16, B_LOC, 36), AggregationStrategy.MAX, List.of("O"));
        // Wolfgang -> B-LOC 0.9; Berlin is B-LOC too, so it starts a new group
        assertThat(entities).hasSize(2);
        assertGroup(entities.get(0), "LOC", 0.9, "Wolfgang", 0, 8);
        assertGroup(entities.get(1), "LOC", 0.8, "Berlin", 18, 24);
        assertGroup(run(wolfgang(B_PER, 16, B_LOC, 6), AggregationStrategy.MAX, List.of("O")).getFirst(),
                "PER", 0.8, "Wolfgang", 0, 8);
    }

    @Test
    void averageTakesTheBestLabelOfTheAveragedProbabilities() {
        // Wolf (.05 .8 .05 .05 .05) and ##gang (.025 .025 .025 .9 .025) average to B-LOC 0.475
        assertGroup(run(wolfgang(B_PER, 16, B_LOC, 36), AggregationStrategy.AVERAGE, List.of("O")).getFirst(),
                "LOC", 0.475, "Wolfgang", 0, 8);
        // Wolf (.05 .8 .05 .05 .05) and ##gang (.1 .1 .1 .6 .1) average to B-PER 0.45
        assertGroup(run(wolfgang(B_PER, 16, B_LOC, 6), AggregationStrategy.AVERAGE, List.of("O")).getFirst(),
                "PER", 0.45, "Wolfgang", 0, 8);
    }

    @Test
    void wordGroupsJoinWordsWithSpacesAndAverageWordScores() {
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Wolf", 0, 4, B_PER, 16).token("##gang", 4, 8, O, 36).token("lives", 9, 14, I_PER, 6)
                .token("in", 15, 17, O, 36).token("Berlin", 18, 24, B_LOC, 16).special("[SEP]").build();
        List<Entity> entities = run(window, AggregationStrategy.FIRST, List.of("O"));
        assertGroup(entities.getFirst(), "PER", 0.7, "Wolfgang lives", 0, 14);
    }

    @Test
    void consecutiveBTagsStartNewGroupsAndIOfAnotherTagToo() {
        String text = "Ann Bob Paris";
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Ann", 0, 3, B_PER, 16).token("Bob", 4, 7, B_PER, 6).token("Paris", 8, 13, I_LOC, 36)
                .special("[SEP]").build();
        List<Entity> entities = ner.postprocess(text, List.of(window), AggregationStrategy.SIMPLE);
        assertThat(entities).hasSize(3);
        assertGroup(entities.get(0), "PER", 0.8, "Ann", 0, 3);
        assertGroup(entities.get(1), "PER", 0.6, "Bob", 4, 7);
        assertGroup(entities.get(2), "LOC", 0.9, "Paris", 8, 13);
    }

    @Test
    void labelsWithoutPrefixContinueTheGroupAndGroupNamesSplitAtTheFirstDash() {
        var labels = new Id2Label(Map.of(0, "O", 1, "PER", 2, "B-GPE-CITY", 3, "I-GPE-CITY", 4, "X"));
        var plain = new TokenClassificationPostprocessor(labels, STRINGS, VOCAB.id("[UNK]"),
                SubwordRule.CONTINUING_SUBWORD_PREFIX);
        String text = "Ann Bob New York";
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Ann", 0, 3, 1, 16).token("Bob", 4, 7, 1, 6)
                .token("New", 8, 11, 2, 16).token("York", 12, 16, 3, 16).special("[SEP]").build();
        List<Entity> entities = plain.postprocess(text, List.of(window), AggregationStrategy.SIMPLE);
        assertThat(entities).hasSize(2);
        assertGroup(entities.get(0), "PER", 0.7, "Ann Bob", 0, 7);
        assertGroup(entities.get(1), "GPE-CITY", 0.8, "New York", 8, 16);
    }

    @Test
    void theUnknownTokenIsSpelledFromTheTextAndNeverASubword() {
        String text = "AnnZoë";
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Ann", 0, 3, B_PER, 16).token("[UNK]", 3, 6, I_PER, 6).special("[SEP]").build();
        assertToken(ner.postprocess(text, List.of(window), AggregationStrategy.NONE).get(1), "I-PER", 0.6, 2, "Zoë", 3, 6);
        // two words, so FIRST averages two word scores: (0.8 + 0.6) / 2
        assertGroup(ner.postprocess(text, List.of(window), AggregationStrategy.FIRST).getFirst(),
                "PER", 0.7, "Ann Zoë", 0, 6);
    }

    @Test
    void punctuationWithoutHashesIsItsOwnWordUnderWordPiece() {
        String text = "Berlin.";
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Berlin", 0, 6, B_LOC, 16).token(".", 6, 7, O, 36).special("[SEP]").build();
        List<Entity> entities = ner.postprocess(text, List.of(window), AggregationStrategy.FIRST);
        assertThat(entities).hasSize(1);
        assertGroup(entities.getFirst(), "LOC", 0.8, "Berlin", 0, 6);
    }

    @Test
    void theSpaceHeuristicJoinsTokensNotSeparatedBySpaces() {
        var heuristic = new TokenClassificationPostprocessor(LABELS, STRINGS, VOCAB.id("[UNK]"),
                SubwordRule.SPACE_HEURISTIC);
        String text = "Wolfgang lives";
        TokenClassificationWindow window = new Windows(VOCAB, 5).special("[CLS]")
                .token("Wolf", 0, 4, B_PER, 16).token("gang", 4, 8, B_LOC, 36).token("lives", 9, 14, O, 36)
                .special("[SEP]").build();
        List<Entity> entities = heuristic.postprocess(text, List.of(window), AggregationStrategy.FIRST);
        assertThat(entities).hasSize(1);
        assertGroup(entities.getFirst(), "PER", 0.8, "Wolf gang", 0, 8);
        // under the WordPiece rule "gang" (no ##, same length as its text) starts a word of its own
        assertThat(ner.postprocess(text, List.of(window), AggregationStrategy.FIRST)).extracting(Entity::label)
                .containsExactly("PER", "LOC");
    }

    @Test
    void optionValuesAreParsedWithHuggingFaceNames() {
        assertThat(AggregationStrategy.parse("simple")).isEqualTo(AggregationStrategy.SIMPLE);
        assertThat(AggregationStrategy.parse("AVERAGE")).isEqualTo(AggregationStrategy.AVERAGE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AggregationStrategy.parse("mean"))
                .hasMessageContaining("aggregation_strategy 'mean'");
    }
}
