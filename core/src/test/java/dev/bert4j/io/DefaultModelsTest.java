package dev.bert4j.io;

import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.model.BertModel;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultModelsTest {
    @TempDir
    Path cache;

    @Test
    void convertsOnceAtomicallyAndRoundTripsBitIdentically() throws IOException {
        List<ConversionListener.Stage> stages = new ArrayList<>();
        Path dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache, (s, d, t) -> stages.add(s));
        assertThat(stages).contains(ConversionListener.Stage.READING, ConversionListener.Stage.IMPORTING,
                ConversionListener.Stage.WRITING).endsWith(ConversionListener.Stage.DONE);
        assertThat(dir).isEqualTo(cache.resolve("models/all-MiniLM-L6-v2"));
        try (var s = Files.list(dir.getParent())) {
            assertThat(s.toList()).containsExactly(dir);          // no temporary folders left behind
        }
        ModelDirectory md = ModelDirectory.open(dir);
        assertThat(md.tokenizerJson()).exists();
        assertThat(md.config().numAttentionHeads()).isEqualTo(12);
        assertThat(md.sentenceTransformers().poolingModes()).containsExactly(PoolingMode.MEAN);
        assertThat(md.sentenceTransformers().normalize()).isTrue();
        assertThat(md.sentenceTransformers().maxSeqLength()).isEqualTo(256);

        Map<String, Tensor> imported = OnnxBertImporter.importBytes(resource("all-minilm-l6-v2.onnx")).weights();
        BertModel loaded = md.loadModel();
        assertThat(loaded.stateDict().keySet()).containsExactlyInAnyOrderElementsOf(imported.keySet());
        imported.forEach((name, t) -> {
            assertThat(loaded.stateDict().get(name).shape()).as(name).containsExactly(t.shape());
            assertThat(java.util.Arrays.equals(loaded.stateDict().get(name).data(), t.data())).as(name).isTrue();
        });

        FileTime before = Files.getLastModifiedTime(dir.resolve("model.safetensors"));
        assertThat(DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache, ConversionListener.NONE)).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("model.safetensors"))).isEqualTo(before);
    }

    @Test
    void anEntryWithoutTheMarkerIsRebuilt() throws IOException {
        Path broken = cache.resolve("models/all-MiniLM-L6-v2");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("config.json"), "{");
        Files.write(broken.resolve("model.safetensors"), new byte[10]);
        Path dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache, ConversionListener.NONE);
        assertThat(DefaultModels.isComplete(dir)).isTrue();
        assertThat(ModelDirectory.open(dir).config().numHiddenLayers()).isEqualTo(6);
    }

    @Test
    void cacheRootFollowsXdgThenHome() {
        Path home = Path.of("/home/u");
        assertThat(DefaultModels.cacheRoot(Map.of("XDG_CACHE_HOME", "/x/cache"), home)).isEqualTo(Path.of("/x/cache/bert4j"));
        assertThat(DefaultModels.cacheRoot(Map.of(), home)).isEqualTo(Path.of("/home/u/.cache/bert4j"));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DefaultModelsTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
