package dev.bert4j.hub.pytorch.fuzz;

import dev.bert4j.hub.pytorch.TorchSaveFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.bert4j.hub.pytorch.TorchSaveFixture.bfloats;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.floats;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.halves;
import static dev.bert4j.hub.pytorch.TorchSaveFixture.longs;

/**
 * Writes the seed corpus of {@link PyTorchCheckpointFuzzTest}: a small BERT-named state dict in the zip format
 * (PyTorch 1.6+) and in the legacy pickle stream, with F32, F16, BF16 and I64 storages, views with offsets and
 * strides. Run by {@code scripts/fuzz/seed-corpora.sh}; the argument is the module's {@code src/test/resources}.
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0])
                .resolve("dev/bert4j/hub/pytorch/fuzz/PyTorchCheckpointFuzzTestInputs/readsOrSaysWhy"));
        fixture().writeZip(dir.resolve("bert-zip.bin"));
        fixture().writeLegacy(dir.resolve("bert-legacy.bin"));
        fixture().bigEndian().writeZip(dir.resolve("bert-big-endian.bin"));
    }

    private static TorchSaveFixture fixture() {
        return new TorchSaveFixture()
                .storage("0", floats(1, 2, 3, 4, 5, 6))
                .storage("1", halves(1f, -2f, 0.5f, 65504f))
                .storage("2", bfloats(1f, -3f))
                .storage("3", longs(0, 1, 2))
                .tensor("bert.embeddings.word_embeddings.weight", "FloatStorage", "0", 0, new long[] {2, 3},
                        new long[] {3, 1})
                .tensor("bert.pooler.dense.bias", "FloatStorage", "0", 2, new long[] {2}, new long[] {2})
                .tensor("bert.embeddings.LayerNorm.weight", "HalfStorage", "1", 0, new long[] {4}, new long[] {1})
                .tensor("cls.predictions.bias", "BFloat16Storage", "2", 0, new long[] {2}, new long[] {1})
                .tensor("bert.embeddings.position_ids", "LongStorage", "3", 0, new long[] {1, 3}, new long[] {3, 1});
    }
}
