package dev.bert4j.pipeline.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Expected values follow HF's QuestionAnsweringPipeline (select_starts_ends, decode_spans,
 * postprocess, get_indices): softmax over context tokens and [CLS] (question and [SEP] masked with
 * -10000), span score p_start(s) * p_end(e) for s <= e < s + max_answer_len, [CLS] excluded from
 * spans but scoring the null answer, answers with equal text (ignoring case) merged by summing.
 */
class QuestionAnsweringPostprocessorTest {

    private static final double EPS = 1e-6;
    private static final String CONTEXT = "Bob plays chess";

    private final QuestionAnsweringPostprocessor qa = new QuestionAnsweringPostprocessor(OptionalInt.of(QaWindows.CLS));
    private final QuestionAnsweringOptions defaults = QuestionAnsweringOptions.defaults(512);

    /**
     * [CLS] q q [SEP] Bob play ##s chess [SEP]; p_start .1 .6 .2 .05 .05, p_end .2 .45 .15 .12 .08.
     * Spans: (Bob) .27, (Bob..play) .09, (Bob..##s) .072, (Bob..chess) .048, (play) .03, (play..##s) .024,
     * (play..chess) .016, (##s) .006, (##s..chess) .004, (chess) .004; null .1 * .2 = .02.
     */
    private static QuestionAnsweringWindow bobPlaysChess() {
        return QaWindows.withQuestion(0.1, 0.2).context(0, 3, 0, 0.6, 0.45).context(4, 8, 1, 0.2, 0.15)
                .context(8, 9, 1, 0.05, 0.12).context(10, 15, 2, 0.05, 0.08).build();
    }

    private static void assertAnswers(List<Answer> actual, Object... scoreStartEndText) {
        assertThat(actual).hasSize(scoreStartEndText.length / 4);
        for (int i = 0; i < actual.size(); i++) {
            Answer a = actual.get(i);
            assertThat(a.score()).as("score of answer %d", i).isCloseTo((Double) scoreStartEndText[4 * i], within(EPS));
            assertThat(a.start()).as("start of answer %d", i).isEqualTo(scoreStartEndText[4 * i + 1]);
            assertThat(a.end()).as("end of answer %d", i).isEqualTo(scoreStartEndText[4 * i + 2]);
            assertThat(a.answer()).as("text of answer %d", i).isEqualTo(scoreStartEndText[4 * i + 3]);
        }
    }

    @Test
    void theBestSpanIsTheProductOfStartAndEndProbabilitiesWithClsInTheSoftmax() {
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), defaults), 0.27, 0, 3, "Bob");
    }

    @Test
    void alignedSpansThatReadTheSameAreMergedBySummingScores() {
        // (Bob..play) and (Bob..##s) both widen to the words "Bob plays": 0.09 + 0.072
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), defaults.withTopK(3)),
                0.27, 0, 3, "Bob", 0.162, 0, 9, "Bob plays");
    }

    @Test
    void withoutAlignToWordsSpansKeepTheirTokensOffsets() {
        QuestionAnsweringOptions options = defaults.withTopK(3).withAlignToWords(false);
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), options),
                0.27, 0, 3, "Bob", 0.09, 0, 8, "Bob play", 0.072, 0, 9, "Bob plays");
    }

    @Test
    void maxAnswerLenLimitsSpansToThatManyTokens() {
        QuestionAnsweringOptions oneToken = defaults.withTopK(3).withMaxAnswerLen(1);
        // (play) .03 and (##s) .006 both widen to "plays"
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), oneToken),
                0.27, 0, 3, "Bob", 0.036, 4, 9, "plays");
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), oneToken.withAlignToWords(false)),
                0.27, 0, 3, "Bob", 0.03, 4, 8, "play", 0.006, 8, 9, "s");
    }

    @Test
    void theImpossibleAnswerCompetesWithTheClsScore() {
        QuestionAnsweringOptions options = defaults.withTopK(5).withHandleImpossibleAnswer(true);
        assertAnswers(qa.postprocess(CONTEXT, List.of(bobPlaysChess()), options),
                0.27, 0, 3, "Bob", 0.162, 0, 9, "Bob plays", 0.048, 0, 15, "Bob plays chess",
                0.03, 4, 9, "plays", 0.02, 0, 0, "");
    }

    @Test
    void aConfidentClsWinsOnlyWhenImpossibleAnswersAreHandled() {
        QuestionAnsweringWindow window = QaWindows.withQuestion(0.7, 0.6).context(0, 3, 0, 0.1, 0.15)
                .context(4, 8, 1, 0.1, 0.1).context(8, 9, 1, 0.05, 0.1).context(10, 15, 2, 0.05, 0.05).build();
        assertAnswers(qa.postprocess(CONTEXT, List.of(window), defaults.withHandleImpossibleAnswer(true)),
                0.42, 0, 0, "");
        assertAnswers(qa.postprocess(CONTEXT, List.of(window), defaults), 0.015, 0, 3, "Bob");
    }

    /**
     * Window A: [CLS] q q [SEP] Bob play ##s [SEP], p_start .1 .5 .3 .1, p_end .3 .4 .05 .25 (null .03):
     * top 3 (Bob) .2, (Bob..##s) .125, (play..##s) .075. Window B: [CLS] q q [SEP] play ##s chess [SEP],
     * p_start .2 .5 .1 .2, p_end .1 .1 .3 .5 (null .02): top 3 (play..chess) .25, (play..##s) .15,
     * (chess) .1.
     */
    private static List<QuestionAnsweringWindow> twoWindows() {
        QuestionAnsweringWindow a = QaWindows.withQuestion(0.1, 0.3).context(0, 3, 0, 0.5, 0.4)
                .context(4, 8, 1, 0.3, 0.05).context(8, 9, 1, 0.1, 0.25).build();
        QuestionAnsweringWindow b = QaWindows.withQuestion(0.2, 0.1).context(4, 8, 1, 0.5, 0.1)
                .context(8, 9, 1, 0.1, 0.3).context(10, 15, 2, 0.2, 0.5).build();
        return List.of(a, b);
    }

    @Test
    void answersFromAllWindowsAreRankedTogetherAndMergedAcrossWindows() {
        // "plays" is found in both windows: 0.075 + 0.15
        assertAnswers(qa.postprocess(CONTEXT, twoWindows(), defaults.withTopK(3)),
                0.25, 4, 15, "plays chess", 0.225, 4, 9, "plays", 0.2, 0, 3, "Bob");
    }

    @Test
    void theNullScoreIsTheSmallestOverWindows() {
        List<Answer> answers = qa.postprocess(CONTEXT, twoWindows(), defaults.withTopK(6).withHandleImpossibleAnswer(true));
        assertThat(answers).hasSize(6);
        assertAnswers(answers.subList(4, 6), 0.1, 10, 15, "chess", 0.02, 0, 0, "");
    }

    @Test
    void answersThatDifferOnlyInCaseAreMergedKeepingTheFirstOffsets() {
        String context = "Paris or paris";
        QuestionAnsweringWindow window = QaWindows.withQuestion(0.1, 0.1).context(0, 5, 0, 0.5, 0.35)
                .context(6, 8, 1, 0.1, 0.1).context(9, 14, 2, 0.3, 0.45).build();
        // top 3 spans: (Paris..paris) .225, (Paris) .175, (paris) .135 -> merged into "Paris"
        assertAnswers(qa.postprocess(context, List.of(window), defaults.withTopK(3)),
                0.31, 0, 5, "Paris", 0.225, 0, 14, "Paris or paris");
    }

    @Test
    void wordsAreAlignedWithinTheWindowThatHoldsTheSpan() {
        // the window starts inside the word "plays": only its "##s" is in the window
        QuestionAnsweringWindow window = QaWindows.withQuestion(0.1, 0.1).context(8, 9, 1, 0.6, 0.5)
                .context(10, 15, 2, 0.3, 0.4).build();
        assertAnswers(qa.postprocess(CONTEXT, List.of(window), defaults), 0.3, 8, 9, "s");
    }

    @Test
    void aWindowWithoutContextGivesNoSpanButCanGiveTheNullAnswer() {
        QuestionAnsweringWindow window = QaWindows.withQuestion(1.0, 1.0).build();
        assertThat(qa.postprocess(CONTEXT, List.of(window), defaults)).isEmpty();
        assertAnswers(qa.postprocess(CONTEXT, List.of(window), defaults.withHandleImpossibleAnswer(true)),
                1.0, 0, 0, "");
    }

    @Test
    void emptyQuestionOrContextIsAnError() {
        QuestionAnsweringPostprocessor.validateInputs("Who plays?", CONTEXT);
        assertThatThrownBy(() -> QuestionAnsweringPostprocessor.validateInputs("", CONTEXT))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`question` cannot be empty");
        assertThatThrownBy(() -> QuestionAnsweringPostprocessor.validateInputs("Who?", ""))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`context` cannot be empty");
        assertThatThrownBy(() -> QuestionAnsweringPostprocessor.validateInputs(null, CONTEXT))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`question` cannot be None");
    }
}
