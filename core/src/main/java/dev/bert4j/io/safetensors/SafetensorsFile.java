package dev.bert4j.io.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.io.UntrustedSizes;
import dev.bert4j.tensor.DType;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.JsonTrees;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-mapped {@code .safetensors} file with a validated header: every entry's byte range lies in
 * the file, matches its dtype and shape, and no two ranges overlap. Tensors are widened to float32 on
 * request. Close it to unmap.
 */
public final class SafetensorsFile implements AutoCloseable {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, TensorEntry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, Arena arena, MemorySegment data, Map<String, TensorEntry> entries,
                            Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.entries = entries;
        this.metadata = metadata;
    }

    public static SafetensorsFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            if (size < 8) {
                throw new SafetensorsException(path + " is truncated: " + size + " bytes, too short for the "
                        + "8-byte header length");
            }
            long headerLen = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLen < 2 || headerLen > UntrustedSizes.MAX_SAFETENSORS_HEADER_BYTES || 8 + headerLen > size) {
                throw new SafetensorsException(path + " is truncated or not safetensors: header length "
                        + headerLen + " but the file has " + size + " bytes");
            }
            byte[] header = all.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = all.asSlice(8 + headerLen);
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, TensorEntry> entries = parseHeader(path, header, data.byteSize(), meta);
            return new SafetensorsFile(path, arena, data, entries, meta);
        } catch (IOException e) {
            arena.close();
            throw new SafetensorsException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Map<String, TensorEntry> parseHeader(Path path, byte[] header, long dataSize,
                                                        Map<String, String> meta) {
        JsonNode root;
        try {
            root = JsonTrees.read(header);
        } catch (IOException e) {
            throw new SafetensorsException(path + " has a malformed JSON header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(path + " has a header that is not a JSON object");
        }
        Map<String, TensorEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                f.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(f.getKey(), SafetensorsHeader.entry(path, f.getKey(), f.getValue(), dataSize));
        }
        checkOverlaps(path, entries);
        return entries;
    }

    private static void checkOverlaps(Path path, Map<String, TensorEntry> entries) {
        List<TensorEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorEntry prev = sorted.get(i - 1);
            TensorEntry cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw new SafetensorsException(path + ": tensors '" + prev.name() + "' [" + prev.begin() + ", "
                        + prev.end() + ") and '" + cur.name() + "' [" + cur.begin() + ", " + cur.end()
                        + ") overlap; the file is corrupt");
            }
        }
    }

    public Path path() {
        return path;
    }

    public Map<String, TensorEntry> entries() {
        return entries;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the entry holds floating point data bert4j can widen (F32, F16, BF16). */
    public boolean isFloat(String name) {
        return SafetensorsHeader.floatType(entry(name).dtype()) != null;
    }

    public TensorEntry entry(String name) {
        TensorEntry e = entries.get(name);
        if (e == null) {
            throw new SafetensorsException(path + " has no tensor '" + name + "'");
        }
        return e;
    }

    /** The tensor widened to float32. */
    public Tensor tensor(String name) {
        TensorEntry e = entry(name);
        DType type = SafetensorsHeader.floatType(e.dtype());
        if (type == null) {
            throw new SafetensorsException(path + ": tensor '" + name + "' has dtype " + e.dtype()
                    + "; only F32, F16 and BF16 weights can be loaded");
        }
        if (e.numel() > UntrustedSizes.MAX_TENSOR_ELEMENTS) {
            throw new SafetensorsException(path + ": tensor '" + name + "' of shape " + e.shapeString() + " has "
                    + e.numel() + " elements, more than the " + UntrustedSizes.MAX_TENSOR_ELEMENTS
                    + " one bert4j tensor holds");
        }
        int n = (int) e.numel();
        float[] out = new float[n];
        MemorySegment seg = data.asSlice(e.begin(), e.end() - e.begin());
        switch (type) {
            case F32 -> MemorySegment.copy(seg, F32, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = DType.halfToFloat(seg.getAtIndex(I16, i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = DType.bf16ToFloat(seg.getAtIndex(I16, i));
                }
            }
        }
        return new Tensor(e.shape().clone(), out);
    }

    @Override
    public void close() {
        arena.close();
    }
}
