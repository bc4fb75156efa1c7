package dev.bert4j.hub.pytorch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.hub.pytorch.CheckpointFormatException;
import dev.bert4j.hub.pytorch.PyTorchCheckpoint;
import dev.bert4j.hub.pytorch.TorchDtype;
import dev.bert4j.hub.pytorch.TorchTensor;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code pytorch_model.bin} bytes (zip or legacy pickle format) either give tensors whose values can all be
 * read, or fail with a {@link CheckpointFormatException} (an {@code UnsafePickleException} included) that says
 * why; nothing in the file runs. Seeds: checkpoints in both formats written by {@code TorchSaveFixture}, which
 * lays them out as {@code torch.save} does ({@link SeedCorpus}). Long runs: docs/fuzzing.md.
 */
class PyTorchCheckpointFuzzTest {

    @FuzzTest
    @Timeout(60)
    void readsOrSaysWhy(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-bin");
        Path file = dir.resolve("pytorch_model.bin");
        try {
            Files.write(file, bytes);
            Map<String, TorchTensor> tensors = PyTorchCheckpoint.read(file);
            for (TorchTensor t : tensors.values()) {
                long n = t.dtype() == TorchDtype.I64 ? t.toLongArray().length : t.toFloatArray().length;
                assertThat(n).isEqualTo(t.numel());
            }
        } catch (CheckpointFormatException e) {
            assertThat(e.getMessage()).as(e.getClass().getSimpleName() + " message").isNotBlank();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
