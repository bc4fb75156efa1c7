package dev.bert4j.hub.pytorch;

import static dev.bert4j.hub.pytorch.TorchSaveFixture.bfloats;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.floats;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.halves;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchCheckpointTest {
    @TempDir
    Path dir;

    /** Storage "0": 12 floats 0..11; tensors are views of it, as weight tying and slicing produce. */
    private static TorchSaveFixture bertLike() {
        float[] values = new float[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 0.5f;
        }
        return new TorchSaveFixture()
                .storage("0", floats(values))
                .storage("1", halves(1f, -2f, 0.5f, 65504f))
                .storage("2", bfloats(1f, -3f, 0.15625f, 1e30f, 7f, 8f))
                .storage("3", longs(0, 1, 2, 3, 4))
                .tensor("bert.embeddings.word_embeddings.weight", "FloatStorage", "0", 0, new long[] {3, 4},
                        new long[] {4, 1})
                .tensor("bert.encoder.layer.0.attention.self.query.bias", "FloatStorage", "0", 5, new long[] {3},
                        new long[] {1})
                .tensor("transposed", "FloatStorage", "0", 1, new long[] {4, 2}, new long[] {1, 4})
                .tensor("half", "HalfStorage", "1", 0, new long[] {2, 2}, new long[] {2, 1})
                .tensor("bf16_strided", "BFloat16Storage", "2", 1, new long[] {2}, new long[] {3})
                .tensor("bert.embeddings.position_ids", "LongStorage", "3", 0, new long[] {1, 5}, new long[] {5, 1})
                .tensor("scalar", "FloatStorage", "0", 11, new long[] {}, new long[] {})
                .tensor("empty", "FloatStorage", "0", 0, new long[] {0, 4}, new long[] {4, 1});
    }

    private static void assertBertLike(Map<String, TorchTensor> tensors) {
        assertThat(tensors.keySet()).containsExactly("bert.embeddings.word_embeddings.weight",
                "bert.encoder.layer.0.attention.self.query.bias", "transposed", "half", "bf16_strided",
                "bert.embeddings.position_ids", "scalar", "empty");
        TorchTensor word = tensors.get("bert.embeddings.word_embeddings.weight");
        assertThat(word.dtype()).isEqualTo(TorchDtype.F32);
        assertThat(word.shape()).containsExactly(3, 4);
        assertThat(word.toFloatArray()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f, 9.5f,
                10.5f, 11.5f);
        assertThat(tensors.get("bert.encoder.layer.0.attention.self.query.bias").toFloatArray())
                .containsExactly(5.5f, 6.5f, 7.5f);
        // element [i][j] = storage[1 + i + 4 j]
        assertThat(tensors.get("transposed").toFloatArray())
                .containsExactly(1.5f, 5.5f, 2.5f, 6.5f, 3.5f, 7.5f, 4.5f, 8.5f);
        assertThat(tensors.get("half").dtype()).isEqualTo(TorchDtype.F16);
        assertThat(tensors.get("half").toFloatArray()).containsExactly(1f, -2f, 0.5f, 65504f);
        assertThat(tensors.get("half").data().remaining()).isEqualTo(8);
        TorchTensor bf = tensors.get("bf16_strided");
        assertThat(bf.dtype()).isEqualTo(TorchDtype.BF16);
        assertThat(bf.toFloatArray()).containsExactly(-3f, 7f);
        assertThat(tensors.get("bert.embeddings.position_ids").toLongArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(tensors.get("scalar").shape()).isEmpty();
        assertThat(tensors.get("scalar").toFloatArray()).containsExactly(11.5f);
        assertThat(tensors.get("empty").numel()).isZero();
        assertThat(tensors.get("empty").shape()).containsExactly(0, 4);
    }

    @Test
    void readsZipCheckpointWithOffsetsStridesAndAllFloatTypes() throws IOException {
        Path file = dir.resolve("pytorch_model.bin");
        bertLike().writeZip(file);
        assertBertLike(PyTorchCheckpoint.read(file));
    }

    @Test
    void readsAnyTopFolderNameAndPlainDicts() throws IOException {
        Path file = dir.resolve("pytorch_model-00001-of-00001.bin");
        bertLike().topFolder("pytorch_model-00001-of-00001").plainDict().writeZip(file);
        assertBertLike(PyTorchCheckpoint.read(file));
    }

    @Test
    void convertsBigEndianCheckpoints() throws IOException {
        Path file = dir.resolve("big.bin");
        bertLike().bigEndian().writeZip(file);
        assertBertLike(PyTorchCheckpoint.read(file));
    }

    @Test
    void legacyFormatGivesTheSameTensorsAsTheZipFormat() throws IOException {
        Path zip = dir.resolve("zip.bin");
        Path legacy = dir.resolve("legacy.bin");
        bertLike().writeZip(zip);
        bertLike().writeLegacy(legacy);
        Map<String, TorchTensor> fromLegacy = PyTorchCheckpoint.read(legacy);
        assertBertLike(fromLegacy);
        assertThat(fromLegacy).isEqualTo(PyTorchCheckpoint.read(zip));
    }

    @Test
    void readsShardedCheckpointsThroughTheirIndex() throws IOException {
        new TorchSaveFixture().storage("0", floats(1, 2)).tensor("a", "FloatStorage", "0", 0, new long[] {2},
                new long[] {1}).plainDict().writeZip(dir.resolve("pytorch_model-00001-of-00002.bin"));
        new TorchSaveFixture().storage("0", floats(3)).tensor("b", "FloatStorage", "0", 0, new long[] {1},
                new long[] {1}).plainDict().writeZip(dir.resolve("pytorch_model-00002-of-00002.bin"));
        Path index = dir.resolve("pytorch_model.bin.index.json");
        Files.writeString(index, """
                {"metadata": {"total_size": 12}, "weight_map": {
                  "a": "pytorch_model-00001-of-00002.bin", "b": "pytorch_model-00002-of-00002.bin"}}""");
        Map<String, TorchTensor> tensors = PyTorchCheckpoint.read(index);
        assertThat(tensors.keySet()).containsExactly("a", "b");
        assertThat(tensors.get("b").toFloatArray()).containsExactly(3f);

        Files.writeString(index, """
                {"weight_map": {"a": "pytorch_model-00001-of-00002.bin", "c": "pytorch_model-00001-of-00002.bin"}}""");
        assertThatThrownBy(() -> PyTorchCheckpoint.read(index)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("'c'").hasMessageContaining("does not have it");

        Files.writeString(index, """
                {"weight_map": {"a": "../../etc/passwd"}}""");
        assertThatThrownBy(() -> PyTorchCheckpoint.read(index)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("not a plain file name");
    }

    @Test
    void unsupportedElementTypeNamesTheTensor() throws IOException {
        Path file = dir.resolve("double.bin");
        new TorchSaveFixture().storage("0", new byte[16])
                .tensor("classifier.weight", "DoubleStorage", "0", 0, new long[] {2}, new long[] {1}).writeZip(file);
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("classifier.weight").hasMessageContaining("torch.DoubleStorage");
    }

    @Test
    void viewsOutsideTheirStorageAreRejected() throws IOException {
        Path file = dir.resolve("oob.bin");
        new TorchSaveFixture().storage("0", floats(1, 2, 3, 4))
                .tensor("w", "FloatStorage", "0", 2, new long[] {2, 2}, new long[] {2, 1}).writeZip(file);
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("tensor 'w'").hasMessageContaining("has 4 elements");
    }

    @Test
    void truncatedOrForeignFilesGetClearErrors() throws IOException {
        Path file = dir.resolve("model.bin");
        bertLike().writeZip(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class);

        bertLike().writeLegacy(file);
        byte[] legacy = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(legacy, legacy.length - 10));
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("truncated");

        Files.writeString(file, "{\"not\": \"a checkpoint\"}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("not a PyTorch checkpoint");
    }
}
