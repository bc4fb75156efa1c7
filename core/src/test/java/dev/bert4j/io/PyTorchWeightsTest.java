package dev.bert4j.io;

import dev.bert4j.hub.pytorch.TorchSaveFixture;
import dev.bert4j.hub.pytorch.UnsafePickleException;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A directory whose weights are a {@code pytorch_model.bin} (written in torch.save's exact layout from the
 * real all-MiniLM-L6-v2 weights) loads to the same tensors as its safetensors twin, embeds the same, and
 * converts to a safetensors directory; a checkpoint that asks for code is refused.
 */
class PyTorchWeightsTest {
    @TempDir
    static Path root;
    static Path safetensorsDir;
    static Path binDir;

    @BeforeAll
    static void writeTwin() throws IOException {
        safetensorsDir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
        binDir = Files.createDirectories(root.resolve("bin-model"));
        copyCompanions(safetensorsDir, binDir);
        TorchSaveFixture fixture = new TorchSaveFixture();
        int key = 0;
        for (Map.Entry<String, Tensor> e : ModelDirectory.open(safetensorsDir).loadWeights().entrySet()) {
            String k = String.valueOf(key++);
            fixture.storage(k, TorchSaveFixture.floats(e.getValue().data()));
            fixture.tensor("bert." + e.getKey(), "FloatStorage", k, 0, longs(e.getValue().shape()),
                    contiguousStrides(e.getValue().shape()));
        }
        // the int64 position_ids buffer older checkpoints carry
        fixture.storage(String.valueOf(key), TorchSaveFixture.longs(0, 1, 2, 3));
        fixture.tensor("bert.embeddings.position_ids", "LongStorage", String.valueOf(key), 0, new long[] {1, 4},
                new long[] {4, 1});
        fixture.writeZip(binDir.resolve(PyTorchWeights.BIN));
    }

    @Test
    void binLoadsToTheSameTensorsAsItsSafetensorsTwin() {
        ModelDirectory bin = ModelDirectory.open(binDir);
        assertThat(bin.weightFiles()).containsExactly(binDir.resolve(PyTorchWeights.BIN));
        Map<String, Tensor> fromBin = bin.loadWeights();
        Map<String, Tensor> fromSafetensors = ModelDirectory.open(safetensorsDir).loadWeights();
        assertThat(fromBin).hasSameSizeAs(fromSafetensors).doesNotContainKey("bert.embeddings.position_ids");
        fromSafetensors.forEach((name, t) -> {
            Tensor b = fromBin.get("bert." + name);
            assertThat(b.shape()).as(name).isEqualTo(t.shape());
            assertThat(b.data()).as(name).isEqualTo(t.data());
        });
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            float[] viaBin = new SentenceEmbeddingPipeline(LoadedModel.load(binDir)).embed(ctx, "a test").vector();
            float[] viaSafetensors = new SentenceEmbeddingPipeline(LoadedModel.load(safetensorsDir))
                    .embed(ctx, "a test").vector();
            assertThat(viaBin).isEqualTo(viaSafetensors);
        }
    }

    @Test
    void convertWritesASafetensorsDirectoryWithTheCompanionFiles() {
        Path out = root.resolve("converted");
        PyTorchWeights.convert(binDir, out, ConversionListener.NONE);
        ModelDirectory converted = ModelDirectory.open(out);
        assertThat(converted.weightFiles()).containsExactly(out.resolve(ModelDirectory.WEIGHTS));
        assertThat(out.resolve("tokenizer.json")).exists();
        assertThat(out.resolve("modules.json")).exists();
        assertThat(out.resolve(PyTorchWeights.BIN)).doesNotExist();
        Map<String, Tensor> a = converted.loadWeights();
        Map<String, Tensor> b = ModelDirectory.open(binDir).loadWeights();
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((name, t) -> assertThat(t.data()).as(name).isEqualTo(b.get(name).data()));
        assertThatThrownBy(() -> PyTorchWeights.convert(binDir, out, ConversionListener.NONE))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("already exists");
    }

    @Test
    void aCheckpointThatNamesOtherCodeIsRefused() throws IOException {
        Path evil = Files.createDirectories(root.resolve("evil"));
        Files.copy(safetensorsDir.resolve(ModelDirectory.CONFIG), evil.resolve(ModelDirectory.CONFIG));
        // protocol 2: GLOBAL 'os system', the argument tuple, REDUCE, STOP
        byte[] pickle = {(byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n',
            'X', 4, 0, 0, 0, 't', 'r', 'u', 'e', (byte) 0x85, 'R', '.'};
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil.resolve(PyTorchWeights.BIN)))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelDirectory.open(evil).loadWeights())
                .isInstanceOf(UnsafePickleException.class).hasMessageContaining("os");
    }

    private static void copyCompanions(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".safetensors") || name.startsWith(".")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    private static long[] longs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static long[] contiguousStrides(int[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return stride;
    }
}
