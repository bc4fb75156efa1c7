package dev.bert4j.hub.pytorch;

import static dev.bert4j.hub.pytorch.TorchSaveFixture.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes a checkpoint claims are checked against what its tensors use, before anything is allocated. */
class CheckpointUntrustedSizesTest {
    private static final long CLAIMED_BYTES = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void deflatedStorageFarLargerThanItsTensorsIsReadOnlyAsFarAsTheyReach() throws IOException {
        // a few hundred KiB on disk, 256 MiB once inflated; the only tensor uses 4 of its floats
        TorchSaveFixture fixture = new TorchSaveFixture().storage("0", floats(1, 2, 3, 4))
                .tensor("bert.pooler.dense.bias", "FloatStorage", "0", 0, new long[] {4}, new long[] {1})
                .claim("0", CLAIMED_BYTES / 4);
        Path file = dir.resolve("pytorch_model.bin");
        writeDeflated(file, fixture, floats(1, 2, 3, 4));
        assertThat(Files.size(file)).isLessThan(CLAIMED_BYTES / 64);

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Map<String, TorchTensor> tensors = PyTorchCheckpoint.read(file);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(tensors.get("bert.pooler.dense.bias").toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThat(allocated).as("bytes allocated while reading").isLessThan(CLAIMED_BYTES / 8);
    }

    @Test
    void storageRecordShorterThanItsTensorsReachIsAClearError() throws IOException {
        TorchSaveFixture fixture = new TorchSaveFixture().storage("0", floats(1, 2))
                .tensor("w", "FloatStorage", "0", 0, new long[] {2}, new long[] {1})
                .claim("0", 2)
                .tensor("far", "FloatStorage", "0", 0, new long[] {8}, new long[] {1})
                .claim("0", 8);
        Path file = dir.resolve("pytorch_model.bin");
        fixture.writeZip(file);
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("data/0").hasMessageContaining("8 bytes but its tensors reach byte 32");
    }

    @Test
    void shardIndexFromADeviceIsRefused() throws IOException {
        Path zero = Path.of("/dev/zero");
        Path index = dir.resolve("pytorch_model.bin.index.json");
        if (Files.isReadable(zero)) {
            Files.createSymbolicLink(index, zero);
        } else {
            Files.write(index, new byte[CheckpointLimits.MAX_INDEX_BYTES + 1]);
        }
        assertThatThrownBy(() -> PyTorchCheckpoint.read(index)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("larger than 64 MiB");
    }

    /** The zip layout of torch.save, with the storage record deflated and padded with zeros to its claim. */
    private static void writeDeflated(Path file, TorchSaveFixture fixture, byte[] head) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(fixture.statePickle(false));
            zip.putNextEntry(new ZipEntry("archive/byteorder"));
            zip.write("little".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(head);
            byte[] zeros = new byte[1 << 20];
            for (long left = CLAIMED_BYTES - head.length; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
