package dev.bert4j.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BertConfigTest {
    @Test
    void readsEveryKeyAndDefaultsTheRest() {
        BertConfig c = BertConfig.fromJson("""
                {"architectures": ["BertForSequenceClassification"], "model_type": "bert",
                 "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
                 "hidden_act": "gelu_new", "layer_norm_eps": 1e-7, "id2label": {"0": "NEG", "1": "POS"},
                 "label2id": {"NEG": 0, "POS": 1}, "problem_type": "single_label_classification",
                 "classifier_dropout": 0.2, "transformers_version": "4.40.0"}""");
        assertThat(c.hiddenSize()).isEqualTo(384);
        assertThat(c.headSize()).isEqualTo(32);
        assertThat(c.vocabSize()).isEqualTo(30522);
        assertThat(c.maxPositionEmbeddings()).isEqualTo(512);
        assertThat(c.layerNormEps()).isEqualTo(1e-7);
        assertThat(c.id2label()).containsEntry(1, "POS");
        assertThat(c.label2id()).containsEntry("NEG", 0);
        assertThat(c.problemType()).isEqualTo("single_label_classification");
        assertThat(c.classifierDropout()).isEqualTo(0.2);
        assertThat(c.architectures()).containsExactly("BertForSequenceClassification");
        assertThat(BertConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void hiddenSizeMustDivideIntoHeads() {
        assertThatThrownBy(() -> BertConfig.fromJson("{\"hidden_size\": 100, \"num_attention_heads\": 12}"))
                .isInstanceOf(BertConfigException.class)
                .hasMessageContaining("hidden_size 100 is not divisible by num_attention_heads 12");
    }

    @Test
    void unknownActivationIsRejected() {
        assertThatThrownBy(() -> BertConfig.fromJson("{\"hidden_act\": \"mish\"}"))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("'mish'");
    }

    @Test
    void relativePositionsAreUnsupported() {
        assertThatThrownBy(() -> BertConfig.fromJson("{\"position_embedding_type\": \"relative_key\"}"))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("relative_key");
    }

    @Test
    void wrongTypesAndBadJsonAreReported() {
        assertThatThrownBy(() -> BertConfig.fromJson("{\"hidden_size\": \"big\"}"))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("hidden_size must be an integer");
        assertThatThrownBy(() -> BertConfig.fromJson("{\"hidden_size\": "))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> BertConfig.fromJson("{\"model_type\": \"roberta\"}"))
                .isInstanceOf(BertConfigException.class).hasMessageContaining("roberta");
    }
}
