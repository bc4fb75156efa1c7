package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each head's logits against {@link Reference}'s double-precision math on the encoder's own outputs. */
class TaskHeadMathTest {
    static final BertInputs BATCH = BertInputs.of(new int[][] {{1, 5, 7, 2}, {1, 9, 2}, {1, 3, 4, 6, 8, 2}},
            new int[][] {{0, 0, 1, 1}, {0, 0, 0}, {0, 0, 0, 1, 1, 1}}, 0);
    static final double TOL = 2e-4;
    private static final Map<Integer, String> THREE = Map.of(0, "neg", 1, "neu", 2, "pos");

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "relu"})
    void maskedLmIsTransformThenTiedDecoder(String act) {
        BertConfig c = HeadFixtures.config(act, Map.of(), null, List.of());
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.MASKED_LM, c, 11);
        BertForMaskedLM m = BertForMaskedLM.fromStateDict(c, w);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            MaskedLMOutput out = m.forward(ctx, BATCH);
            assertThat(out.logits().shape()).containsExactly(3, 6, c.vocabSize());
            assertThat(out.loss()).isNull();
            double[][] expected = mlmReference(c, w, out.bertOutput().lastHiddenState());
            assertClose(out.logits(), expected);
        }
    }

    static double[][] mlmReference(BertConfig c, Map<String, Tensor> w, Tensor hidden) {
        String p = "cls.predictions.";
        double[][] h = Reference.linear(Reference.rows(hidden, c.hiddenSize()), w.get(p + "transform.dense.weight"),
                w.get(p + "transform.dense.bias"));
        h = Reference.apply(h, "gelu".equals(c.hiddenAct()) ? Reference::gelu : x -> Math.max(x, 0));
        h = Reference.layerNorm(h, w.get(p + "transform.LayerNorm.weight"), w.get(p + "transform.LayerNorm.bias"),
                c.layerNormEps());
        return Reference.linear(h, w.get("bert.embeddings.word_embeddings.weight"), w.get(p + "bias"));
    }

    @Test
    void nextSentenceAndSequenceClassificationReadThePoolerOutput() {
        BertConfig c = HeadFixtures.config(THREE);
        Map<String, Tensor> nspW = HeadFixtures.checkpoint(HeadKind.NEXT_SENTENCE_PREDICTION, c, 21);
        Map<String, Tensor> clsW = HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, c, 22);
        ComputeContext ctx = ComputeContext.reference();
        NextSentencePredictorOutput nsp = BertForNextSentencePrediction.fromStateDict(c, nspW).forward(ctx, BATCH);
        assertClose(nsp.logits(), Reference.linear(Reference.rows(nsp.bertOutput().poolerOutput(), c.hiddenSize()),
                nspW.get("cls.seq_relationship.weight"), nspW.get("cls.seq_relationship.bias")));
        SequenceClassifierOutput cls = BertForSequenceClassification.fromStateDict(c, clsW).forward(ctx, BATCH);
        assertThat(cls.logits().shape()).containsExactly(3, 3);
        assertClose(cls.logits(), Reference.linear(Reference.rows(cls.bertOutput().poolerOutput(), c.hiddenSize()),
                clsW.get("classifier.weight"), clsW.get("classifier.bias")));
    }

    @Test
    void preTrainingComputesBothHeads() {
        BertConfig c = HeadFixtures.config(Map.of());
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.PRE_TRAINING, c, 31);
        BertForPreTrainingOutput out = BertForPreTraining.fromStateDict(c, w).forward(ComputeContext.reference(), BATCH);
        assertClose(out.predictionLogits(), mlmReference(c, w, out.bertOutput().lastHiddenState()));
        assertClose(out.seqRelationshipLogits(), Reference.linear(Reference.rows(out.bertOutput().poolerOutput(),
                c.hiddenSize()), w.get("cls.seq_relationship.weight"), w.get("cls.seq_relationship.bias")));
    }

    @Test
    void tokenClassificationAndQuestionAnsweringScoreEveryToken() {
        BertConfig c = HeadFixtures.config(Map.of(0, "O", 1, "B-PER", 2, "I-PER", 3, "B-LOC", 4, "I-LOC"));
        Map<String, Tensor> tokW = HeadFixtures.checkpoint(HeadKind.TOKEN_CLASSIFICATION, c, 41);
        Map<String, Tensor> qaW = HeadFixtures.checkpoint(HeadKind.QUESTION_ANSWERING, c, 42);
        ComputeContext ctx = ComputeContext.reference();
        TokenClassifierOutput tok = BertForTokenClassification.fromStateDict(c, tokW).forward(ctx, BATCH);
        assertThat(tok.logits().shape()).containsExactly(3, 6, 5);
        assertClose(tok.logits(), Reference.linear(Reference.rows(tok.bertOutput().lastHiddenState(),
                c.hiddenSize()), tokW.get("classifier.weight"), tokW.get("classifier.bias")));
        QuestionAnsweringModelOutput qa = BertForQuestionAnswering.fromStateDict(c, qaW).forward(ctx, BATCH);
        double[][] both = Reference.linear(Reference.rows(qa.bertOutput().lastHiddenState(), c.hiddenSize()),
                qaW.get("qa_outputs.weight"), qaW.get("qa_outputs.bias"));        // (B*T, 2)
        assertThat(qa.startLogits().shape()).containsExactly(3, 6);
        for (int r = 0; r < 18; r++) {
            assertThat((double) qa.startLogits().data()[r]).isCloseTo(both[r][0], within(TOL));
            assertThat((double) qa.endLogits().data()[r]).isCloseTo(both[r][1], within(TOL));
        }
    }

    @Test
    void multipleChoiceScoresEachChoiceOnItsPooledOutput() {
        BertConfig c = HeadFixtures.config(Map.of());
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.MULTIPLE_CHOICE, c, 51);
        BertInputs sixChoices = BertInputs.of(new int[][] {{1, 5, 2}, {1, 6, 7, 2}, {1, 8, 2}, {1, 9, 2},
                {1, 10, 11, 12, 2}, {1, 13, 2}}, null, 0);
        MultipleChoiceModelOutput out = BertForMultipleChoice.fromStateDict(c, w)
                .forward(ComputeContext.reference(), sixChoices, 3);
        assertThat(out.logits().shape()).containsExactly(2, 3);
        double[][] expected = Reference.linear(Reference.rows(out.bertOutput().poolerOutput(), c.hiddenSize()),
                w.get("classifier.weight"), w.get("classifier.bias"));            // (6, 1)
        for (int i = 0; i < 6; i++) {
            assertThat((double) out.logits().data()[i]).isCloseTo(expected[i][0], within(TOL));
        }
    }

    @Test
    void fastAndReferenceKernelsAgreeOnTheHeads() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertForPreTraining m = BertForPreTraining.fromStateDict(c, HeadFixtures.checkpoint(HeadKind.PRE_TRAINING, c, 61));
        try (ComputeContext fast = ComputeContext.inference(2)) {
            BertForPreTrainingOutput a = m.forward(ComputeContext.reference(), BATCH);
            BertForPreTrainingOutput b = m.forward(fast, BATCH);
            assertClose(b.predictionLogits(), Reference.rows(a.predictionLogits(), c.vocabSize()));
            assertClose(b.seqRelationshipLogits(), Reference.rows(a.seqRelationshipLogits(), 2));
        }
    }

    static void assertClose(Tensor actual, double[][] expected) {
        int X = expected[0].length;
        assertThat(actual.numel()).isEqualTo(expected.length * X);
        for (int r = 0; r < expected.length; r++) {
            for (int i = 0; i < X; i++) {
                double scale = Math.max(1, Math.abs(expected[r][i]));
                assertThat((double) actual.data()[r * X + i]).as("row %d col %d", r, i)
                        .isCloseTo(expected[r][i], within(TOL * scale));
            }
        }
    }
}
