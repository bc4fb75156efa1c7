package dev.bert4j.io;

import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertConfigException;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.TinyBert;
import dev.bert4j.model.WeightLoadException;
import dev.bert4j.tensor.DType;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDirectoryTest {
    @TempDir
    Path dir;

    private final BertConfig config = TinyBert.config("gelu");
    private final Map<String, Tensor> weights = TinyBert.weights(config, 9);

    @Test
    void writesAndLoadsBitIdentically() {
        ModelDirectoryWriter.write(dir, config, weights, null, SentenceTransformersConfig.of(PoolingMode.MAX, false, 8));
        ModelDirectory md = ModelDirectory.open(dir);
        assertThat(md.config()).isEqualTo(config);
        assertThat(md.sentenceTransformers().poolingModes()).containsExactly(PoolingMode.MAX);
        assertThat(md.sentenceTransformers().normalize()).isFalse();
        BertModel m = md.loadModel();
        weights.forEach((k, v) -> assertThat(java.util.Arrays.equals(m.stateDict().get(k).data(), v.data())).as(k).isTrue());
    }

    @Test
    void loadsHalfPrecisionAndShardedCheckpoints() throws IOException {
        Files.writeString(dir.resolve("config.json"), config.toJson());
        Map<String, Tensor> a = new LinkedHashMap<>();
        Map<String, Tensor> b = new LinkedHashMap<>();
        weights.forEach((k, v) -> (k.startsWith("encoder.layer.1") ? b : a).put(k, v));
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), a, null, DType.BF16);
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), b, null, DType.F16);
        StringBuilder map = new StringBuilder("{\"weight_map\": {");
        weights.keySet().forEach(k -> map.append('"').append(k).append("\": \"model-0000")
                .append(k.startsWith("encoder.layer.1") ? 2 : 1).append("-of-00002.safetensors\","));
        map.setLength(map.length() - 1);
        Files.writeString(dir.resolve("model.safetensors.index.json"), map + "}}");
        BertModel m = ModelDirectory.open(dir).loadModel();
        float want = weights.get("encoder.layer.1.output.dense.bias").data()[3];
        assertThat(m.stateDict().get("encoder.layer.1.output.dense.bias").data()[3])
                .isEqualTo(Float.float16ToFloat(Float.floatToFloat16(want)));
    }

    @Test
    void configDisagreeingWithWeightsIsReported() throws IOException {
        ModelDirectoryWriter.write(dir, config, weights, null, null);
        Files.writeString(dir.resolve("config.json"), config.toJson().replace("\"intermediate_size\" : 20",
                "\"intermediate_size\" : 24"));
        assertThatThrownBy(() -> ModelDirectory.open(dir).loadModel()).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("encoder.layer.0.intermediate.dense.weight")
                .hasMessageContaining("[20, 12]").hasMessageContaining("[24, 12]");
        Files.writeString(dir.resolve("config.json"), config.toJson().replace("\"num_attention_heads\" : 3",
                "\"num_attention_heads\" : 5"));
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(BertConfigException.class)
                .hasMessageContaining("not divisible");
    }

    @Test
    void missingFilesAndUnknownModulesAreReported() throws IOException {
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("no config.json");
        Files.writeString(dir.resolve("config.json"), config.toJson());
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("neither model.safetensors");
        SafetensorsWriter.write(dir.resolve("model.safetensors"), weights, null);
        Files.writeString(dir.resolve("modules.json"),
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.CNN\"}]");
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("CNN");
    }
}
