package dev.bert4j.io;

import com.sun.management.ThreadMXBean;
import dev.bert4j.io.safetensors.SafetensorsException;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertConfigException;
import dev.bert4j.model.TinyBert;
import dev.bert4j.model.WeightLoadException;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sizes and paths stated by hostile or broken files are refused with one clear line, before allocating. */
class UntrustedSizesTest {
    @TempDir
    Path dir;

    private final BertConfig config = TinyBert.config("gelu");
    private final Map<String, Tensor> weights = TinyBert.weights(config, 3);

    @Test
    void safetensorsShapeWhoseByteSizeWrapsTo0IsRefused() throws IOException {
        // 2^30 * 2^30 * 4 elements * 4 bytes = 2^64, which wraps to 0 and matched data_offsets [0, 0]
        Path f = safetensors("{\"x\":{\"dtype\":\"F32\",\"shape\":[1073741824,1073741824,4],\"data_offsets\":[0,0]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("'x'").hasMessageContaining("does not fit in 64 bits");
    }

    @Test
    void safetensorsOffsetsBeyond64BitsAreRefused() throws IOException {
        Path f = safetensors("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551616,"
                + "18446744073709551620]}}", 4);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("invalid data_offsets");
    }

    @Test
    void loadingWidensOnlyTheWeightsTheModelTakes() throws IOException {
        Map<String, Tensor> withExtra = new LinkedHashMap<>(weights);
        int extraElements = 8 << 20;   // 32 MiB as float32, never used by the model
        withExtra.put("unused.big", new Tensor(new int[] {extraElements}, new float[extraElements]));
        ModelDirectoryWriter.write(dir, config, withExtra, null, null);
        ModelDirectory md = ModelDirectory.open(dir);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(md::loadModel).isInstanceOf(WeightLoadException.class)
                .hasMessageContaining("unused.big").hasMessageContaining("[" + extraElements + "]");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while loading").isLessThan(4L * extraElements);
    }

    @Test
    void loadingStillGivesTheSameModelAsAnEagerRead() {
        ModelDirectoryWriter.write(dir, config, weights, null, null);
        ModelDirectory md = ModelDirectory.open(dir);
        Map<String, Tensor> eager = md.loadWeights();
        assertThat(eager.keySet()).containsExactlyInAnyOrderElementsOf(weights.keySet());
        md.loadModel().stateDict().forEach((name, t) ->
                assertThat(t.data()).as(name).containsExactly(eager.get(name).data()));
    }

    @Test
    void configJsonFromADeviceOrAHugeFileIsRefused() throws IOException {
        ModelDirectoryWriter.write(dir, config, weights, null, null);
        byte[] huge = new byte[UntrustedSizes.MAX_JSON_SIDE_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        Files.write(dir.resolve("config.json"), huge);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(BertConfigException.class)
                .hasMessageContaining("config.json").hasMessageContaining("larger than 16 MiB");
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            Files.delete(dir.resolve("config.json"));
            Files.createSymbolicLink(dir.resolve("config.json"), zero);
            assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(BertConfigException.class)
                    .hasMessageContaining("larger than 16 MiB");
        }
    }

    @Test
    void sideFilesOfSentenceTransformersAreBounded() throws IOException {
        ModelDirectoryWriter.write(dir, config, weights, null, SentenceTransformersConfig.of(PoolingMode.MEAN, true, 8));
        Files.write(dir.resolve("1_Pooling/config.json"), new byte[UntrustedSizes.MAX_JSON_SIDE_FILE_BYTES + 10]);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("1_Pooling").hasMessageContaining("larger than 16 MiB");
    }

    @Test
    void modulesJsonPathsMustStayInsideTheModelDirectory() throws IOException {
        Path model = dir.resolve("model");
        ModelDirectoryWriter.write(model, config, weights, null, SentenceTransformersConfig.of(PoolingMode.MEAN, true, 8));
        Path outside = dir.resolve("elsewhere");
        Files.createDirectories(outside);
        Files.copy(model.resolve("1_Pooling/config.json"), outside.resolve("config.json"));
        String modules = Files.readString(model.resolve("modules.json"));
        for (String escape : new String[] {"../elsewhere", outside.toAbsolutePath().toString(), "1_Pooling/../../elsewhere"}) {
            Files.writeString(model.resolve("modules.json"), modules.replace("\"1_Pooling\"",
                    "\"" + escape.replace("\\", "\\\\") + "\""));
            assertThatThrownBy(() -> ModelDirectory.open(model)).as(escape).isInstanceOf(ModelDirectoryException.class)
                    .hasMessageContaining("modules.json").hasMessageContaining("leaves the model directory");
        }
        Files.createSymbolicLink(model.resolve("linked"), outside);
        Files.writeString(model.resolve("modules.json"), modules.replace("\"1_Pooling\"", "\"linked\""));
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("outside the model directory");
    }

    @Test
    void shardPathsOfTheIndexMustStayInsideTheModelDirectory() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("config.json"), config.toJson());
        SafetensorsWriter.write(dir.resolve("stolen.safetensors"), weights, null);
        Files.writeString(model.resolve(ModelDirectory.INDEX),
                "{\"weight_map\": {\"embeddings.word_embeddings.weight\": \"../stolen.safetensors\"}}");
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(ModelDirectory.INDEX).hasMessageContaining("../stolen.safetensors");
        Files.createDirectories(model.resolve("shards"));
        Files.createSymbolicLink(model.resolve("linked"), dir);
        Files.writeString(model.resolve(ModelDirectory.INDEX),
                "{\"weight_map\": {\"embeddings.word_embeddings.weight\": \"linked/stolen.safetensors\"}}");
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("outside the model directory");
    }

    @Test
    void shardFilesLinkedToBlobsAsInTheHubCacheStillLoad() throws IOException {
        Path blobs = dir.resolve("blobs");
        Path snapshot = dir.resolve("snapshots/abc");
        Files.createDirectories(blobs);
        Files.createDirectories(snapshot);
        Files.writeString(snapshot.resolve("config.json"), config.toJson());
        SafetensorsWriter.write(blobs.resolve("0123"), weights, null);
        Files.createSymbolicLink(snapshot.resolve("model-00001-of-00001.safetensors"), Path.of("../../blobs/0123"));
        StringBuilder map = new StringBuilder("{\"weight_map\": {");
        weights.keySet().forEach(k -> map.append('"').append(k).append("\": \"model-00001-of-00001.safetensors\","));
        map.setLength(map.length() - 1);
        Files.writeString(snapshot.resolve(ModelDirectory.INDEX), map + "}}");
        assertThat(ModelDirectory.open(snapshot).loadModel().stateDict()).hasSameSizeAs(weights);
    }

    @Test
    void negativeOrNonIntegerMaxSeqLengthIsRefused() throws IOException {
        ModelDirectoryWriter.write(dir, config, weights, null, SentenceTransformersConfig.of(PoolingMode.MEAN, true, 8));
        for (String bad : new String[] {"-5", "0", "12.5", "\"long\""}) {
            Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": " + bad + "}");
            assertThatThrownBy(() -> ModelDirectory.open(dir)).as(bad).isInstanceOf(ModelDirectoryException.class)
                    .hasMessageContaining("sentence_bert_config.json").hasMessageContaining("max_seq_length");
        }
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 6}");
        assertThat(ModelDirectory.open(dir).sentenceTransformers().maxSeqLength()).isEqualTo(6);
    }

    @Test
    void poolingDimensionMustMatchTheHiddenSize() throws IOException {
        ModelDirectoryWriter.write(dir, config, weights, null, SentenceTransformersConfig.of(PoolingMode.MEAN, true, 8));
        Path pooling = dir.resolve("1_Pooling/config.json");
        String good = Files.readString(pooling);
        assertThat(good).contains("\"word_embedding_dimension\" : " + config.hiddenSize());
        Files.writeString(pooling, good.replace("\"word_embedding_dimension\" : " + config.hiddenSize(),
                "\"word_embedding_dimension\" : 384"));
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("1_Pooling").hasMessageContaining("word_embedding_dimension is 384")
                .hasMessageContaining("hidden_size is " + config.hiddenSize());
    }

    private Path safetensors(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve("hostile.safetensors");
        Files.write(f, b.array());
        return f;
    }
}
