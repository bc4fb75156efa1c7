package dev.bert4j.io;

import dev.bert4j.io.safetensors.SafetensorsException;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.tensor.DType;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a.weight", new Tensor(new int[] {2, 3}, new float[] {1, -2.5f, 3.25f, 0, 1e-3f, 65504f}));
        m.put("a.bias", new Tensor(new int[] {3}, new float[] {0.5f, -0.125f, 7}));
        return m;
    }

    @Test
    void roundTripsF32BitExactly() {
        Path f = dir.resolve("m.safetensors");
        SafetensorsWriter.write(f, sample(), Map.of("format", "pt"));
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            assertThat(s.metadata()).containsEntry("format", "pt");
            assertThat(s.tensor("a.weight").data()).containsExactly(sample().get("a.weight").data());
            assertThat(s.tensor("a.bias").shape()).containsExactly(3);
        }
    }

    @Test
    void widensF16AndBf16() {
        for (DType t : new DType[] {DType.F16, DType.BF16}) {
            Path f = dir.resolve(t + ".safetensors");
            SafetensorsWriter.write(f, sample(), null, t);
            try (SafetensorsFile s = SafetensorsFile.open(f)) {
                assertThat(s.entry("a.weight").dtype()).isEqualTo(t.name());
                float[] got = s.tensor("a.weight").data();
                float[] want = sample().get("a.weight").data();
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).isCloseTo(want[i], org.assertj.core.data.Percentage.withPercentage(0.8));
                }
                assertThat(got[1]).isEqualTo(-2.5f);
            }
        }
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafetensorsWriter.write(f, sample(), null);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 5));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("past the end");
        Files.write(f, Arrays.copyOf(all, 30));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("truncated");
        Files.write(f, new byte[3]);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void headerProblemsAreReported() throws IOException {
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 16, "overlap");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 16, "needs 12 bytes");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,800]}}", 16, "past the end");
        assertBad("{\"x\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", 16, "unknown dtype");
        assertBad("{\"x\":", 16, "malformed JSON");
    }

    private void assertBad(String header, int dataBytes, String message) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining(message);
    }
}
