package dev.bert4j.pipeline.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bert4j.pipeline.Id2Label;
import dev.bert4j.pipeline.LabelMappingException;
import dev.bert4j.pipeline.Logits;
import dev.bert4j.pipeline.PipelineInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values follow HF's TextClassificationPipeline: function_to_apply chosen from problem_type
 * and num_labels, top_k / return_all_scores selection. Logits are ln(weights) or log-odds, so every
 * expected score is a fraction computed by hand.
 */
class TextClassificationPostprocessorTest {

    private static final double EPS = 1e-6;

    private final Id2Label sentiment = new Id2Label(Map.of(0, "NEGATIVE", 1, "POSITIVE"));
    private final Id2Label topics = new Id2Label(Map.of(0, "sport", 1, "politics", 2, "science"));

    /** ln(1), ln(4): softmax gives 0.2 / 0.8, sigmoid gives 0.5 / 0.8. */
    private final float[] twoLogits = Logits.ln(1, 4);

    private static void assertScores(List<LabelScore> actual, Object... labelThenScore) {
        assertThat(actual).hasSize(labelThenScore.length / 2);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).label()).isEqualTo(labelThenScore[2 * i]);
            assertThat(actual.get(i).score()).isCloseTo((Double) labelThenScore[2 * i + 1], within(EPS));
        }
    }

    @Test
    void defaultWithSeveralLabelsIsSoftmaxAndReturnsOnlyTheBestLabel() {
        var classifier = new TextClassificationPostprocessor(sentiment, null);
        assertScores(classifier.postprocess(twoLogits, FunctionToApply.DEFAULT, LabelSelection.best()),
                "POSITIVE", 0.8);
    }

    @Test
    void defaultWithOneLabelIsSigmoidAndUsesHuggingFaceDefaultName() {
        var classifier = new TextClassificationPostprocessor(Id2Label.defaults(1), null);
        assertScores(classifier.postprocess(new float[] {(float) Math.log(3)}, FunctionToApply.DEFAULT,
                LabelSelection.best()), "LABEL_0", 0.75);
    }

    @Test
    void defaultForMultiLabelIsSigmoidPerLabel() {
        var classifier = new TextClassificationPostprocessor(topics, FunctionToApply.MULTI_LABEL_CLASSIFICATION);
        // log-odds ln(3), ln(1/4), 0 -> 3/4, 1/5, 1/2; they need not sum to 1
        float[] logits = Logits.ln(3, 0.25, 1);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.all()),
                "sport", 0.75, "science", 0.5, "politics", 0.2);
    }

    @Test
    void defaultForRegressionLeavesTheLogitAsItIs() {
        var classifier = new TextClassificationPostprocessor(Id2Label.defaults(1), FunctionToApply.REGRESSION);
        assertScores(classifier.postprocess(new float[] {2.5f}, FunctionToApply.DEFAULT, LabelSelection.best()),
                "LABEL_0", 2.5);
    }

    @Test
    void singleLabelProblemTypeWithOneLabelIsStillSigmoidBecauseNumLabelsOneIsCheckedFirst() {
        // HF checks "multi_label_classification or num_labels == 1" before "single_label_classification"
        var classifier = new TextClassificationPostprocessor(Id2Label.defaults(1),
                FunctionToApply.SINGLE_LABEL_CLASSIFICATION);
        assertThat(classifier.scores(new float[] {(float) Math.log(3)}, FunctionToApply.DEFAULT)[0])
                .isCloseTo(0.75, within(EPS));
    }

    @Test
    void explicitFunctionsOverrideTheDefault() {
        var classifier = new TextClassificationPostprocessor(sentiment, null);
        assertThat(classifier.scores(twoLogits, FunctionToApply.SOFTMAX)).containsExactly(new double[] {0.2, 0.8},
                within(EPS));
        assertThat(classifier.scores(twoLogits, FunctionToApply.SIGMOID)).containsExactly(new double[] {0.5, 0.8},
                within(EPS));
        assertThat(classifier.scores(twoLogits, FunctionToApply.NONE))
                .containsExactly(new double[] {0, Math.log(4)}, within(EPS));
    }

    @Test
    void topKSortsAllLabelsByScoreAndKeepsK() {
        var classifier = new TextClassificationPostprocessor(topics, null);
        float[] logits = Logits.ln(2, 5, 3); // softmax 0.2, 0.5, 0.3
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.top(2)),
                "politics", 0.5, "science", 0.3);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.top(10)),
                "politics", 0.5, "science", 0.3, "sport", 0.2);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.all()),
                "politics", 0.5, "science", 0.3, "sport", 0.2);
    }

    @Test
    void legacyReturnAllScoresKeepsLabelIdOrderUnsorted() {
        var classifier = new TextClassificationPostprocessor(topics, null);
        float[] logits = Logits.ln(2, 5, 3);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.returnAllScores(true)),
                "sport", 0.2, "politics", 0.5, "science", 0.3);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.returnAllScores(false)),
                "politics", 0.5);
    }

    @Test
    void equalScoresKeepLabelIdOrder() {
        var classifier = new TextClassificationPostprocessor(topics, null);
        float[] logits = Logits.ln(1, 2, 2); // 0.2, 0.4, 0.4
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.best()), "politics", 0.4);
        assertScores(classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.all()),
                "politics", 0.4, "science", 0.4, "sport", 0.2);
    }

    @Test
    void aLabelIdMissingFromId2labelIsAClearError() {
        var classifier = new TextClassificationPostprocessor(new Id2Label(Map.of(0, "A", 2, "C")), null);
        float[] logits = Logits.ln(1, 5, 1);
        assertThatThrownBy(() -> classifier.postprocess(logits, FunctionToApply.DEFAULT, LabelSelection.best()))
                .isInstanceOf(LabelMappingException.class).hasMessageContaining("label id 1");
    }

    @Test
    void optionValuesAreParsedWithHuggingFaceNames() {
        assertThat(FunctionToApply.parse("softmax")).isEqualTo(FunctionToApply.SOFTMAX);
        assertThat(FunctionToApply.parse("SIGMOID")).isEqualTo(FunctionToApply.SIGMOID);
        assertThat(FunctionToApply.parse("none")).isEqualTo(FunctionToApply.NONE);
        assertThat(FunctionToApply.parse("default")).isEqualTo(FunctionToApply.DEFAULT);
        assertThatThrownBy(() -> FunctionToApply.parse("relu"))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("function_to_apply");
    }

    @Test
    void badOptionsAreErrors() {
        assertThatThrownBy(() -> LabelSelection.top(0))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("top_k must be >= 1");
        assertThatThrownBy(() -> new TextClassificationPostprocessor(sentiment, "ranking"))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("problem_type 'ranking'");
    }
}
