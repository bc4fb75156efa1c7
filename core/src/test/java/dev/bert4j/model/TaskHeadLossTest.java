package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.bert4j.model.TaskHeadMathTest.BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each head's loss against a hand computation from the logits it returned. */
class TaskHeadLossTest {
    private static final ComputeContext CTX = ComputeContext.reference();
    private static final Map<Integer, String> THREE = Map.of(0, "a", 1, "b", 2, "c");

    @Test
    void maskedLmAveragesOverLabelledPositionsOnly() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertForMaskedLM m = BertForMaskedLM.fromStateDict(c, HeadFixtures.checkpoint(HeadKind.MASKED_LM, c, 1));
        int[] labels = new int[18];
        java.util.Arrays.fill(labels, -100);
        labels[1] = 7;
        labels[6 + 1] = 30;
        MaskedLMOutput out = m.forward(CTX, BATCH, labels, ForwardOptions.DEFAULT);
        double[][] rows = Reference.rows(out.logits(), c.vocabSize());
        assertThat(out.loss()).isCloseTo((Reference.nll(rows[1], 7) + Reference.nll(rows[7], 30)) / 2, within(1e-6));
    }

    @Test
    void preTrainingAddsTheMaskedLmAndNextSentenceLosses() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertForPreTraining m = BertForPreTraining.fromStateDict(c, HeadFixtures.checkpoint(HeadKind.PRE_TRAINING, c, 2));
        int[] labels = new int[18];
        java.util.Arrays.fill(labels, -100);
        labels[2] = 4;
        BertForPreTrainingOutput out = m.forward(CTX, BATCH, labels, new int[] {0, 1, 1}, ForwardOptions.DEFAULT);
        double[][] mlm = Reference.rows(out.predictionLogits(), c.vocabSize());
        double[][] nsp = Reference.rows(out.seqRelationshipLogits(), 2);
        double expected = Reference.nll(mlm[2], 4) + (Reference.nll(nsp[0], 0) + Reference.nll(nsp[1], 1)
                + Reference.nll(nsp[2], 1)) / 3;
        assertThat(out.loss()).isCloseTo(expected, within(1e-6));
        assertThat(m.forward(CTX, BATCH, labels, null, ForwardOptions.DEFAULT).loss()).isNull();
    }

    @Test
    void sequenceClassificationPicksItsLossFromProblemTypeAndLabels() {
        BertConfig single = HeadFixtures.config(THREE);
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, single, 3);
        BertForSequenceClassification m = BertForSequenceClassification.fromStateDict(single, w);
        SequenceClassifierOutput ce = m.forward(CTX, BATCH, new int[] {2, 0, 1});
        double[][] z = Reference.rows(ce.logits(), 3);
        assertThat(ce.loss()).isCloseTo((Reference.nll(z[0], 2) + Reference.nll(z[1], 0) + Reference.nll(z[2], 1)) / 3,
                within(1e-6));

        float[] targets = {1, 0, 1, 0, 0, 1, 1, 1, 0};                    // float targets: multi-label BCE
        double bce = 0;
        for (int i = 0; i < 9; i++) {
            double p = 1 / (1 + Math.exp(-z[i / 3][i % 3]));
            bce -= targets[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        assertThat(m.forward(CTX, BATCH, targets).loss()).isCloseTo(bce / 9, within(1e-6));

        BertConfig regression = HeadFixtures.config("gelu", THREE, "regression", List.of());
        SequenceClassifierOutput mse = BertForSequenceClassification.fromStateDict(regression, w).forward(CTX, BATCH,
                targets);
        double sq = 0;
        for (int i = 0; i < 9; i++) {
            sq += Math.pow(z[i / 3][i % 3] - targets[i], 2);
        }
        assertThat(mse.loss()).isCloseTo(sq / 9, within(1e-6));
    }

    @Test
    void oneLabelIsRegressionAndMismatchedLabelsAreClearErrors() {
        BertConfig one = HeadFixtures.config(Map.of(0, "score"));
        BertForSequenceClassification m = BertForSequenceClassification.fromStateDict(one,
                HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, one, 4));
        SequenceClassifierOutput out = m.forward(CTX, BATCH, new int[] {1, 0, 3});
        double[][] z = Reference.rows(out.logits(), 1);
        double expected = (Math.pow(z[0][0] - 1, 2) + Math.pow(z[1][0], 2) + Math.pow(z[2][0] - 3, 2)) / 3;
        assertThat(out.loss()).isCloseTo(expected, within(1e-6));

        BertConfig multi = HeadFixtures.config("gelu", THREE, "multi_label_classification", List.of());
        BertForSequenceClassification mm = BertForSequenceClassification.fromStateDict(multi,
                HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, multi, 4));
        assertThatThrownBy(() -> mm.forward(CTX, BATCH, new int[] {0, 1, 2})).isInstanceOf(BertInputException.class)
                .hasMessageContaining("float targets");
        assertThatThrownBy(() -> mm.forward(CTX, BATCH, new float[] {1, 0})).isInstanceOf(BertInputException.class)
                .hasMessageContaining("(B, num_labels) = 9");
    }

    @Test
    void tokenClassificationIgnoresMinus100() {
        BertConfig c = HeadFixtures.config(THREE);
        BertForTokenClassification m = BertForTokenClassification.fromStateDict(c,
                HeadFixtures.checkpoint(HeadKind.TOKEN_CLASSIFICATION, c, 5));
        int[] labels = {-100, 1, 2, -100, -100, -100, -100, 0, -100, -100, -100, -100, -100, 2, 2, 1, 0, -100};
        TokenClassifierOutput out = m.forward(CTX, BATCH, labels, ForwardOptions.DEFAULT);
        double[][] z = Reference.rows(out.logits(), 3);
        double sum = 0;
        int n = 0;
        for (int r = 0; r < 18; r++) {
            if (labels[r] != -100) {
                sum += Reference.nll(z[r], labels[r]);
                n++;
            }
        }
        assertThat(out.loss()).isCloseTo(sum / n, within(1e-6));
    }

    @Test
    void questionAnsweringClampsPositionsAndIgnoresTheOutOfRangeOnes() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertForQuestionAnswering m = BertForQuestionAnswering.fromStateDict(c,
                HeadFixtures.checkpoint(HeadKind.QUESTION_ANSWERING, c, 6));
        // T = 6: start 99 clamps to 6 = ignored; -100 clamps to 0 (HF clamps, it does not ignore -100 here)
        QuestionAnsweringModelOutput out = m.forward(CTX, BATCH, new int[] {1, 99, -100}, new int[] {2, 3, 4},
                ForwardOptions.DEFAULT);
        double[][] s = Reference.rows(out.startLogits(), 6);
        double[][] e = Reference.rows(out.endLogits(), 6);
        double start = (Reference.nll(s[0], 1) + Reference.nll(s[2], 0)) / 2;
        double end = (Reference.nll(e[0], 2) + Reference.nll(e[1], 3) + Reference.nll(e[2], 4)) / 3;
        assertThat(out.loss()).isCloseTo((start + end) / 2, within(1e-6));
    }

    @Test
    void multipleChoiceIsCrossEntropyOverTheChoices() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertForMultipleChoice m = BertForMultipleChoice.fromStateDict(c,
                HeadFixtures.checkpoint(HeadKind.MULTIPLE_CHOICE, c, 7));
        BertInputs four = BertInputs.of(new int[][] {{1, 5, 2}, {1, 6, 2}, {1, 7, 2}, {1, 8, 9, 2}}, null, 0);
        MultipleChoiceModelOutput out = m.forward(CTX, four, 2, new int[] {1, 0}, ForwardOptions.DEFAULT);
        double[][] z = Reference.rows(out.logits(), 2);
        assertThat(out.loss()).isCloseTo((Reference.nll(z[0], 1) + Reference.nll(z[1], 0)) / 2, within(1e-6));
        assertThatThrownBy(() -> m.forward(CTX, four, 3)).isInstanceOf(BertInputException.class)
                .hasMessageContaining("num_choices 3");
    }
}
