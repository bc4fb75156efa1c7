package dev.bert4j.model;

import dev.bert4j.kernels.Kernels;
import dev.bert4j.kernels.Parallel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole backward pass of a tiny BERT with each head against central finite differences of an
 * independent double-precision implementation ({@link DoubleBert}), for every parameter; the fast
 * kernels' gradients against the scalar ones'.
 */
class GradientCheckTest {
    private static final int T = 5;
    /** Two sequences, the second padded after three tokens. */
    private static final BertInputs PAIR = new BertInputs(new int[] {2, 7, 11, 3, 5, 2, 9, 4, 0, 0},
            new int[] {0, 0, 0, 1, 1, 0, 0, 1, 0, 0}, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, 2, T);
    /** Two examples of two choices. */
    private static final BertInputs CHOICES = new BertInputs(new int[] {2, 7, 11, 3, 5, 2, 9, 4, 0, 0,
            2, 8, 6, 3, 0, 2, 1, 12, 13, 3}, new int[20], new int[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0,
            1, 1, 1, 1, 0, 1, 1, 1, 1, 1}, 4, T);

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of(HeadKind.SEQUENCE_CLASSIFICATION, "gelu", null),
                Arguments.of(HeadKind.SEQUENCE_CLASSIFICATION, "gelu_new", BertForSequenceClassification.MULTI_LABEL),
                Arguments.of(HeadKind.SEQUENCE_CLASSIFICATION, "relu", BertForSequenceClassification.REGRESSION),
                Arguments.of(HeadKind.TOKEN_CLASSIFICATION, "gelu", null),
                Arguments.of(HeadKind.QUESTION_ANSWERING, "silu", null),
                Arguments.of(HeadKind.MULTIPLE_CHOICE, "gelu", null),
                Arguments.of(HeadKind.NEXT_SENTENCE_PREDICTION, "tanh", null),
                Arguments.of(HeadKind.MASKED_LM, "gelu", null),
                Arguments.of(HeadKind.PRE_TRAINING, "gelu_new", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("heads")
    void everyParameterGradientMatchesFiniteDifferencesInDouble(HeadKind kind, String act, String problemType) {
        BertConfig c = config(kind, act, problemType);
        BertTaskModel model = BertTaskModel.fromStateDict(kind, c, HeadFixtures.checkpoint(kind, c, 11));
        BertInputs in = kind == HeadKind.MULTIPLE_CHOICE ? CHOICES : PAIR;
        DoubleBert.Labels y = labels(kind, c);
        Map<String, Tensor> scalar = gradients(model, ComputeContext.reference(), in, y);
        Map<String, Tensor> fast;
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            fast = gradients(model, ctx, in, y);
        }
        DoubleBert reference = new DoubleBert(c, model.stateDict());
        double worst = 0;
        for (Map.Entry<String, Tensor> e : scalar.entrySet()) {
            double[] values = reference.w.get(e.getKey());
            assertThat(values).as("reference weight %s", e.getKey()).isNotNull();
            for (int i = 0; i < values.length; i++) {
                double fd = finiteDifference(reference, kind, in, y, values, i);
                double err = Math.abs(e.getValue().data()[i] - fd) / (1e-3 + Math.abs(fd));
                worst = Math.max(worst, err);
                assertThat(err).as("%s[%d]: analytic %s, finite difference %s", e.getKey(), i,
                        e.getValue().data()[i], fd).isLessThan(2e-3);
                assertThat(fast.get(e.getKey()).data()[i]).as("fast %s[%d]", e.getKey(), i)
                        .isCloseTo(e.getValue().data()[i], org.assertj.core.data.Offset.offset(
                                2e-5f * (1 + Math.abs(e.getValue().data()[i]))));
            }
        }
        assertThat(worst).isLessThan(2e-3);
    }

    @Test
    void dropoutMasksAreTheSameInForwardAndBackward() {
        BertConfig c = config(HeadKind.SEQUENCE_CLASSIFICATION, "gelu", null);
        BertForSequenceClassification model = BertForSequenceClassification.fromStateDict(c,
                HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, c, 5));
        int[] labels = {1, 0};
        model.parameters().values().forEach(Parameter::zeroGrad);
        model.trainStep(training(7), PAIR, labels, null, 1);
        double eps = 1e-2;
        int checked = 0;
        for (String name : List.of("bert.encoder.layer.0.attention.self.query.weight",
                "bert.encoder.layer.1.output.dense.weight", "bert.embeddings.LayerNorm.weight", "classifier.weight")) {
            Parameter p = model.parameters().get(name);
            for (int i = 0; i < p.size(); i += Math.max(1, p.size() / 6)) {
                float analytic = p.grad()[p.offset() + i];
                float saved = p.data()[p.offset() + i];
                p.data()[p.offset() + i] = (float) (saved + eps);
                p.markChanged();
                double up = model.trainStep(training(7), PAIR, labels, null, 0);
                p.data()[p.offset() + i] = (float) (saved - eps);
                p.markChanged();
                double down = model.trainStep(training(7), PAIR, labels, null, 0);
                p.data()[p.offset() + i] = saved;
                p.markChanged();
                double fd = (up - down) / (2 * eps);
                assertThat(Math.abs(analytic - fd)).as("%s[%d] with dropout: analytic %s, fd %s", name, i, analytic, fd)
                        .isLessThan(2e-2 * (1e-2 + Math.abs(fd)) + 1e-3);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
        double a = model.trainStep(training(7), PAIR, labels, null, 0);
        double b = model.trainStep(training(8), PAIR, labels, null, 0);
        assertThat(a).as("another seed draws other masks").isNotEqualTo(b);
    }

    private static ComputeContext training(long seed) {
        return new ComputeContext(Parallel.sequential(), Kernels.scalar(), true, new SplittableRandom(seed));
    }

    private static double finiteDifference(DoubleBert ref, HeadKind kind, BertInputs in, DoubleBert.Labels y,
                                           double[] values, int i) {
        double h = 1e-5;
        double saved = values[i];
        values[i] = saved + h;
        double up = ref.loss(kind, in, y);
        values[i] = saved - h;
        double down = ref.loss(kind, in, y);
        values[i] = saved;
        return (up - down) / (2 * h);
    }

    private static Map<String, Tensor> gradients(BertTaskModel model, ComputeContext ctx, BertInputs in,
                                                 DoubleBert.Labels y) {
        model.parameters().values().forEach(Parameter::zeroGrad);
        switch (model) {
            case BertForSequenceClassification m -> m.trainStep(ctx, in, y.classIds(), y.targets(), 1);
            case BertForTokenClassification m -> m.trainStep(ctx, in, y.tokens(), 1);
            case BertForQuestionAnswering m -> m.trainStep(ctx, in, y.start(), y.end(), 1);
            case BertForMultipleChoice m -> m.trainStep(ctx, in, y.numChoices(), y.classIds(), 1);
            case BertForNextSentencePrediction m -> m.trainStep(ctx, in, y.nextSentence(), 1);
            case BertForMaskedLM m -> m.trainStep(ctx, in, y.tokens(), 1);
            case BertForPreTraining m -> m.trainStep(ctx, in, y.tokens(), y.nextSentence(), 1);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> out.put(name, p.gradTensor()));
        return out;
    }

    private static BertConfig config(HeadKind kind, String act, String problemType) {
        Map<Integer, String> labels = kind == HeadKind.SEQUENCE_CLASSIFICATION
                && BertForSequenceClassification.REGRESSION.equals(problemType) ? Map.of(0, "score")
                : Map.of(0, "a", 1, "b", 2, "c");
        return HeadFixtures.config(act, labels, problemType, List.of(kind.architecture()));
    }

    private static DoubleBert.Labels labels(HeadKind kind, BertConfig c) {
        int[] tokens = new int[2 * T];
        Arrays.fill(tokens, -100);
        tokens[1] = kind == HeadKind.TOKEN_CLASSIFICATION ? 2 : 17;
        tokens[3] = kind == HeadKind.TOKEN_CLASSIFICATION ? 0 : 33;
        tokens[T + 2] = 1;
        String type = c.problemType();
        float[] targets = BertForSequenceClassification.MULTI_LABEL.equals(type) ? new float[] {1, 0, 1, 0, 0, 1}
                : BertForSequenceClassification.REGRESSION.equals(type) ? new float[] {0.5f, -1.25f} : null;
        int[] classIds = kind == HeadKind.MULTIPLE_CHOICE ? new int[] {1, 0} : targets == null ? new int[] {2, 0} : null;
        return new DoubleBert.Labels(classIds, targets, tokens, new int[] {1, 9}, new int[] {3, 2},
                new int[] {0, 1}, 2);
    }
}
