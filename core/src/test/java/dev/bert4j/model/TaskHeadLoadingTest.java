package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.bert4j.model.TaskHeadMathTest.BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict head loading: prefixes, pooler, tied decoder, missing / mis-shaped / left-over weights. */
class TaskHeadLoadingTest {
    private static final Map<Integer, String> THREE = Map.of(0, "a", 1, "b", 2, "c");
    private static final ComputeContext CTX = ComputeContext.reference();

    @Test
    void loadsWithAndWithoutTheBertPrefixAlike() {
        BertConfig c = HeadFixtures.config(THREE);
        Map<String, Tensor> prefixed = HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, c, 1);
        Map<String, Tensor> bare = new LinkedHashMap<>();
        prefixed.forEach((k, v) -> bare.put(k.startsWith("bert.") ? k.substring(5) : k, v));
        BertForSequenceClassification a = BertForSequenceClassification.fromStateDict(c, prefixed);
        BertForSequenceClassification b = BertForSequenceClassification.fromStateDict(c, bare);
        assertThat(b.forward(CTX, BATCH).logits().data()).containsExactly(a.forward(CTX, BATCH).logits().data());
        assertThat(a.stateDict().keySet()).containsExactlyInAnyOrderElementsOf(prefixed.keySet());
        assertThat(BertTaskModel.fromStateDict(HeadKind.SEQUENCE_CLASSIFICATION, c, prefixed))
                .isInstanceOf(BertForSequenceClassification.class);
    }

    @Test
    void aMissingHeadWeightNamesItsPathAndShape() {
        BertConfig c = HeadFixtures.config(THREE);
        Map<String, Tensor> mlm = HeadFixtures.checkpoint(HeadKind.MASKED_LM, c, 2);
        assertThatThrownBy(() -> BertForSequenceClassification.fromStateDict(c, mlm))
                .isInstanceOfSatisfying(WeightLoadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WeightLoadException.Kind.MISSING);
                    assertThat(e.path()).isEqualTo("classifier.weight");
                })
                .hasMessageContaining("BertForSequenceClassification").hasMessageContaining("[3, 12]")
                .hasMessageContaining("cls.predictions.bias");
    }

    @Test
    void aWrongNumLabelsIsAShapeMismatchWithBothShapes() {
        BertConfig two = HeadFixtures.config(Map.of(0, "x", 1, "y"));
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.TOKEN_CLASSIFICATION, two, 3);
        BertConfig three = HeadFixtures.config(THREE);
        assertThatThrownBy(() -> BertForTokenClassification.fromStateDict(three, w))
                .isInstanceOfSatisfying(WeightLoadException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeightLoadException.Kind.SHAPE_MISMATCH))
                .hasMessageContaining("'classifier.weight' has shape [2, 12]").hasMessageContaining("[3, 12]")
                .hasMessageContaining("id2label");
    }

    @Test
    void anotherTasksHeadLeftOverIsAnError() {
        BertConfig c = HeadFixtures.config(THREE);
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.MASKED_LM, c, 4);
        w.putAll(HeadFixtures.head(HeadKind.SEQUENCE_CLASSIFICATION, c, 5));
        assertThatThrownBy(() -> BertForMaskedLM.fromStateDict(c, w))
                .isInstanceOfSatisfying(WeightLoadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WeightLoadException.Kind.UNEXPECTED);
                    assertThat(e.path()).isEqualTo("classifier.bias");
                })
                .hasMessageContaining("[classifier.bias, classifier.weight]").hasMessageContaining("[3]");
    }

    @Test
    void aPreTrainingCheckpointLoadsAsEitherPreTrainingHead() {
        BertConfig c = HeadFixtures.config(Map.of());
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.PRE_TRAINING, c, 6);
        BertForPreTrainingOutput both = BertForPreTraining.fromStateDict(c, w).forward(CTX, BATCH);
        BertForMaskedLM mlm = BertForMaskedLM.fromStateDict(c, w);
        BertForNextSentencePrediction nsp = BertForNextSentencePrediction.fromStateDict(c, w);
        assertThat(mlm.ignoredWeights()).containsExactlyInAnyOrder("cls.seq_relationship.weight",
                "cls.seq_relationship.bias");
        assertThat(nsp.ignoredWeights()).hasSize(5).allMatch(n -> n.startsWith("cls.predictions."));
        assertThat(mlm.forward(CTX, BATCH).logits().data()).containsExactly(both.predictionLogits().data());
        assertThat(nsp.forward(CTX, BATCH).logits().data()).containsExactly(both.seqRelationshipLogits().data());
        assertThat(mlm.bert().hasPooler()).isFalse();
    }

    @Test
    void aStoredDecoderMustEqualTheTiedEmbeddings() {
        BertConfig c = HeadFixtures.config(Map.of());
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.MASKED_LM, c, 7);
        Tensor emb = w.get("bert.embeddings.word_embeddings.weight");
        w.put("cls.predictions.decoder.weight", new Tensor(emb.shape().clone(), emb.data().clone()));
        w.put("cls.predictions.decoder.bias", w.get("cls.predictions.bias"));
        BertForMaskedLM tied = BertForMaskedLM.fromStateDict(c, w);
        assertThat(tied.ignoredWeights()).isEmpty();
        float[] other = emb.data().clone();
        other[5] += 1;
        w.put("cls.predictions.decoder.weight", new Tensor(emb.shape().clone(), other));
        assertThatThrownBy(() -> BertForMaskedLM.fromStateDict(c, w)).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("cls.predictions.decoder.weight").hasMessageContaining("tie_word_embeddings");
        w.put("cls.predictions.decoder.weight", HeadFixtures.random(new java.util.Random(1), 1, 39, 12));
        assertThatThrownBy(() -> BertForMaskedLM.fromStateDict(c, w)).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("[39, 12]").hasMessageContaining("[40, 12]");
    }

    @Test
    void poolerLessCheckpointsLoadForHeadsThatDoNotReadThePooler() {
        BertConfig c = HeadFixtures.config(THREE);
        for (HeadKind kind : List.of(HeadKind.MASKED_LM, HeadKind.TOKEN_CLASSIFICATION, HeadKind.QUESTION_ANSWERING)) {
            Map<String, Tensor> w = HeadFixtures.encoder(c, 8, "bert.", false);
            w.putAll(HeadFixtures.head(kind, c, 9));
            assertThat(BertTaskModel.fromStateDict(kind, c, w).kind()).isEqualTo(kind);
        }
        Map<String, Tensor> w = HeadFixtures.encoder(c, 8, "bert.", false);
        w.putAll(HeadFixtures.head(HeadKind.SEQUENCE_CLASSIFICATION, c, 9));
        assertThatThrownBy(() -> BertForSequenceClassification.fromStateDict(c, w))
                .isInstanceOfSatisfying(WeightLoadException.class,
                        e -> assertThat(e.path()).isEqualTo("bert.pooler.dense.weight"))
                .hasMessageContaining("[12, 12]");
    }

    @Test
    void headKindsComeFromArchitecturesOrNames() {
        assertThat(HeadKind.fromArchitectures(List.of("BertForTokenClassification")))
                .isEqualTo(HeadKind.TOKEN_CLASSIFICATION);
        assertThat(HeadKind.parse("masked-lm")).isEqualTo(HeadKind.MASKED_LM);
        assertThat(HeadKind.parse("BertForQuestionAnswering")).isEqualTo(HeadKind.QUESTION_ANSWERING);
        assertThatThrownBy(() -> HeadKind.fromArchitectures(List.of("BertModel")))
                .isInstanceOf(UnknownHeadException.class).hasMessageContaining("no BERT task heads")
                .hasMessageContaining("BertForMaskedLM");
        assertThatThrownBy(() -> HeadKind.parse("seq2seq")).isInstanceOf(UnknownHeadException.class);
    }

    @Test
    void anUnknownProblemTypeFailsAtLoad() {
        BertConfig c = HeadFixtures.config("gelu", THREE, "ordinal", List.of());
        assertThatThrownBy(() -> BertForSequenceClassification.fromStateDict(c,
                HeadFixtures.checkpoint(HeadKind.SEQUENCE_CLASSIFICATION, c, 10)))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("'ordinal'");
    }
}
