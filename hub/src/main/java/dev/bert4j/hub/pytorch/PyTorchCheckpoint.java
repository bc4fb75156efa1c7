package dev.bert4j.hub.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.hub.pytorch.PickleObjects.StorageRef;
import dev.bert4j.hub.pytorch.PickleObjects.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code pytorch_model.bin} state dicts written by {@code torch.save}: the zip format (PyTorch 1.6+),
 * the older "legacy" pickle-stream format, and sharded {@code pytorch_model.bin.index.json}. Tensors are
 * rebuilt from their storages without running anything from the file: see {@link RestrictedUnpickler}.
 */
public final class PyTorchCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PyTorchCheckpoint() {}

    /**
     * Reads a checkpoint: a {@code .bin} file in either format, or a sharded {@code .index.json}.
     *
     * @return tensors by name, in file order
     * @throws CheckpointFormatException when the file is damaged, unsupported or holds non-tensors
     * @throws UnsafePickleException when the file asks for anything beyond rebuilding tensors
     */
    public static Map<String, TorchTensor> read(Path file) {
        if (file.getFileName().toString().endsWith(".index.json")) {
            return readSharded(file);
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new CheckpointFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZipCheckpoint.read(file);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2) {
            return LegacyCheckpoint.read(file);
        }
        if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            throw new CheckpointFormatException(file + " is a tar-format PyTorch checkpoint (PyTorch before 0.4),"
                    + " which bert4j does not read; re-save it with a recent PyTorch or convert it to safetensors");
        }
        throw new CheckpointFormatException(file + " is not a PyTorch checkpoint (neither a zip archive nor a pickle)");
    }

    /** Reads every shard an index names; checks each weight is in the shard the index says. */
    public static Map<String, TorchTensor> readSharded(Path indexJson) {
        Map<String, String> weightMap = weightMap(indexJson);
        Set<String> shards = new LinkedHashSet<>(weightMap.values());
        Map<String, TorchTensor> all = new LinkedHashMap<>();
        Path folder = indexJson.toAbsolutePath().getParent();
        for (String shard : shards) {
            Map<String, TorchTensor> tensors = read(folder.resolve(shard));
            for (var e : tensors.entrySet()) {
                if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                    throw new CheckpointFormatException("tensor '" + e.getKey() + "' appears in more than one shard of "
                            + indexJson + " (again in " + shard + ")");
                }
            }
            weightMap.forEach((name, where) -> {
                if (where.equals(shard) && !tensors.containsKey(name)) {
                    throw new CheckpointFormatException(indexJson + " puts tensor '" + name + "' in " + shard
                            + ", but that shard does not have it");
                }
            });
        }
        return all;
    }

    private static Map<String, String> weightMap(Path indexJson) {
        JsonNode map;
        try (InputStream in = Files.newInputStream(indexJson)) {
            byte[] bytes = in.readNBytes(CheckpointLimits.MAX_INDEX_BYTES);
            if (in.read() != -1) {
                throw new CheckpointFormatException(indexJson + " is larger than "
                        + (CheckpointLimits.MAX_INDEX_BYTES >> 20) + " MiB, far more than a shard index holds;"
                        + " is it the right file?");
            }
            map = JSON.readTree(bytes).path("weight_map");
        } catch (IOException e) {
            throw new CheckpointFormatException("cannot read " + indexJson + " as JSON: " + e.getMessage(), e);
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new CheckpointFormatException(indexJson + " has no \"weight_map\" object");
        }
        Map<String, String> weights = new LinkedHashMap<>();
        for (var e : map.properties()) {
            String shard = e.getValue().asText("");
            if (!shard.matches("[A-Za-z0-9_.+=-]{1,255}") || shard.startsWith(".")) {
                throw new CheckpointFormatException(indexJson + ": tensor '" + e.getKey() + "' names the shard '" + shard
                        + "', which is not a plain file name in the same folder");
            }
            weights.put(e.getKey(), shard);
        }
        return weights;
    }

    /** Reads {@code bytes} bytes from the start of a storage: what its tensors reach, never more. */
    @FunctionalInterface
    interface StorageSource {
        byte[] read(StorageRef storage, long bytes);
    }

    /**
     * Turns the unpickled state dict into tensors. All tensors are checked first, so each storage is then read
     * once and only as far as the furthest element a tensor on it reaches, whatever size the pickle claims.
     */
    static Map<String, TorchTensor> tensors(Path file, Object root, StorageSource storages, boolean bigEndian) {
        Map<String, TensorRef> refs = tensorRefs(file, root);
        Map<String, Long> reach = new LinkedHashMap<>();
        for (var e : refs.entrySet()) {
            reach.merge(e.getValue().storage().key(), TensorMaterializer.reachBytes(e.getKey(), e.getValue()), Math::max);
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        Map<String, byte[]> loaded = new LinkedHashMap<>();
        for (var e : refs.entrySet()) {
            TensorRef ref = e.getValue();
            String key = ref.storage().key();
            byte[] bytes = loaded.computeIfAbsent(key, k -> storages.read(ref.storage(), reach.get(k)));
            out.put(e.getKey(), TensorMaterializer.materialize(e.getKey(), ref, ref.storage().type().dtype(), bytes,
                    bigEndian));
        }
        return out;
    }

    private static Map<String, TensorRef> tensorRefs(Path file, Object root) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new CheckpointFormatException(file + " holds " + PickleObjects.describe(root)
                    + ", not a state dict (a dict of tensors, as saved by save_pretrained)");
        }
        Map<String, TensorRef> refs = new LinkedHashMap<>();
        for (var entry : dict.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new CheckpointFormatException(file + " has a key that is not a string: "
                        + PickleObjects.describe(entry.getKey()));
            }
            if (!(entry.getValue() instanceof TensorRef ref)) {
                throw new CheckpointFormatException(file + ": entry '" + name + "' is " + PickleObjects.describe(
                        entry.getValue()) + ", not a tensor; bert4j reads state dicts of tensors (as saved by"
                        + " save_pretrained)");
            }
            if (ref.storage().type().dtype() == null) {
                throw new CheckpointFormatException(file + ": tensor '" + name + "' has storage type "
                        + ref.storage().type().name() + "; only float32, float16, bfloat16 (and int64 buffers) load");
            }
            refs.put(name, ref);
        }
        return refs;
    }
}
