package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy format of {@code torch.save} (PyTorch 0.4 to 1.5, and {@code _use_new_zipfile_serialization=False}):
 * five pickles in a row (magic number, protocol version 1001, system info, the state dict, the list of
 * storage keys), then each storage as an int64 element count followed by its raw bytes.
 */
final class LegacyCheckpoint {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int PROTOCOL_VERSION = 1001;

    private LegacyCheckpoint() {}

    static Map<String, TorchTensor> read(Path file) {
        String source = file + " (legacy format)";
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Map<String, Object> noGlobals = Map.of();
            Object magic = plain(source, noGlobals).read(in);
            if (!RestrictedUnpickler.isMagic(magic, MAGIC)) {
                throw new CheckpointFormatException(file + " starts with a pickle but not with PyTorch's magic number;"
                        + " it is not a torch.save checkpoint");
            }
            Object protocol = plain(source, noGlobals).read(in);
            if (!RestrictedUnpickler.isMagic(protocol, BigInteger.valueOf(PROTOCOL_VERSION))) {
                throw new CheckpointFormatException(file + ": unsupported legacy protocol version " + protocol);
            }
            Object sysInfo = plain(source, noGlobals).read(in);
            boolean bigEndian = sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"));
            Map<String, StorageRef> roots = new HashMap<>();
            RestrictedUnpickler main = new RestrictedUnpickler(source, TorchGlobals.create(source), pid -> {
                StorageRef ref = StorageIds.legacy(source, pid);
                roots.putIfAbsent(ref.key(), ref);
                return ref;
            });
            Object root = main.read(in);
            Object keys = plain(source, noGlobals).read(in);
            Map<String, byte[]> data = readStorages(file, in, keys, roots, bigEndian);
            return PyTorchCheckpoint.tensors(file, root, (ref, reach) -> {
                byte[] bytes = data.get(ref.key());
                if (bytes == null) {
                    throw new CheckpointFormatException(file + ": a tensor uses storage '" + ref.key()
                            + "', which the checkpoint's storage key list does not name");
                }
                return bytes;
            }, bigEndian);
        } catch (IOException e) {
            throw new CheckpointFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RestrictedUnpickler plain(String source, Map<String, Object> globals) {
        return new RestrictedUnpickler(source, globals, pid -> {
            throw new UnsafePickleException(source + ": unexpected persistent id in a header pickle");
        });
    }

    private static Map<String, byte[]> readStorages(Path file, InputStream in, Object keys,
            Map<String, StorageRef> roots, boolean bigEndian) throws IOException {
        if (!(keys instanceof List<?> list)) {
            throw new CheckpointFormatException(file + ": the storage key list is " + PickleObjects.describe(keys));
        }
        Map<String, byte[]> data = new HashMap<>();
        for (Object key : list) {
            StorageRef ref = roots.get(String.valueOf(key));
            if (ref == null) {
                throw new CheckpointFormatException(file + ": storage '" + key + "' is listed but used by no tensor");
            }
            byte[] count = in.readNBytes(8);
            if (count.length < 8) {
                throw new CheckpointFormatException(file + " is truncated in the data of storage '" + key + "'");
            }
            long numel = 0;
            for (int i = 0; i < 8; i++) {
                int b = count[bigEndian ? i : 7 - i] & 0xff;
                numel = (numel << 8) | b;
            }
            int size = ref.type().dtype() == null ? 1 : ref.type().dtype().byteSize();
            if (ref.type().dtype() == null) {
                throw new CheckpointFormatException(file + ": storage '" + key + "' has type " + ref.type().name()
                        + "; only float32, float16, bfloat16 (and int64 buffers) load");
            }
            if (numel < 0 || numel > CheckpointLimits.MAX_ARRAY_BYTES / size || numel * size > in.available()) {
                throw new CheckpointFormatException(file + ": storage '" + key + "' claims " + numel
                        + " elements, more than the file holds (is it truncated?)");
            }
            data.put(ref.key(), in.readNBytes((int) (numel * size)));
        }
        return data;
    }
}
