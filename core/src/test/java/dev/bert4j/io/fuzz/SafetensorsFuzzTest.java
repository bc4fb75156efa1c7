package dev.bert4j.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.io.safetensors.SafetensorsException;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.io.safetensors.TensorEntry;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code model.safetensors} bytes either open with a header whose every float tensor can be read, or fail
 * with a {@link SafetensorsException} that says why. Seeds: a tiny model written by {@code ModelDirectoryWriter}
 * and the cut-off header of a real one ({@link SeedCorpus}). Long runs: docs/fuzzing.md.
 */
class SafetensorsFuzzTest {

    @FuzzTest
    @Timeout(60)
    void opensOrSaysWhy(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".safetensors");
        try {
            Files.write(file, bytes);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                for (TensorEntry e : f.entries().values()) {
                    if (f.isFloat(e.name())) {
                        Tensor t = f.tensor(e.name());
                        assertThat((long) t.data().length).isEqualTo(e.numel());
                    }
                }
            } catch (SafetensorsException e) {
                assertThat(e.getMessage()).as("SafetensorsException message").isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
