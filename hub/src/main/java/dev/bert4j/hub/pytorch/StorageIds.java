package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.StorageClass;
import dev.bert4j.hub.pytorch.PickleObjects.StorageRef;
import java.util.regex.Pattern;

/** Checks the persistent ids {@code torch.save} writes for storages. */
final class StorageIds {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private StorageIds() {}

    /**
     * Zip format: {@code ('storage', storage_class, key, location, numel)}.
     */
    static StorageRef zip(String source, Object[] pid) {
        if (pid.length == 0 || !"storage".equals(pid[0])) {
            throw new UnsafePickleException(source + ": persistent id of kind " + (pid.length == 0 ? "()"
                    : PickleObjects.describe(pid[0])) + "; only storages are loaded");
        }
        if (pid.length != 5) {
            throw new CheckpointFormatException(source + ": persistent id with " + pid.length
                    + " fields; expected ('storage', type, key, location, numel)");
        }
        return parse(source, pid);
    }

    /**
     * Legacy format: {@code ('storage', storage_class, root_key, location, numel, view_metadata)}, where
     * view_metadata is None or {@code (view_key, offset, size)}.
     */
    static StorageRef legacy(String source, Object[] pid) {
        if (pid.length == 0 || !"storage".equals(pid[0])) {
            throw new UnsafePickleException(source + ": persistent id of kind " + (pid.length == 0 ? "()"
                    : PickleObjects.describe(pid[0])) + "; only storages are loaded (a legacy checkpoint that"
                    + " saves module source code is refused)");
        }
        if (pid.length != 6) {
            throw new CheckpointFormatException(source + ": legacy persistent id with " + pid.length + " fields");
        }
        StorageRef root = parse(source, pid);
        if (pid[5] == null) {
            return root;
        }
        long[] view = PickleObjects.longs(viewWithoutKey(source, pid[5]), "storage view");
        if (view[0] < 0 || view[1] < 0 || view[0] + view[1] > root.numel()) {
            throw new CheckpointFormatException(source + ": storage view outside storage '" + root.key() + "'");
        }
        return new StorageRef(root.key(), root.type(), view[0], view[1]);
    }

    private static Object[] viewWithoutKey(String source, Object view) {
        if (!(view instanceof Object[] v) || v.length != 3) {
            throw new CheckpointFormatException(source + ": storage view is not (key, offset, size)");
        }
        return new Object[] {v[1], v[2]};
    }

    private static StorageRef parse(String source, Object[] pid) {
        if (!"storage".equals(pid[0])) {
            throw new UnsafePickleException(source + ": persistent id of kind " + PickleObjects.describe(pid[0])
                    + "; only storages are loaded");
        }
        if (!(pid[1] instanceof StorageClass type)) {
            throw new CheckpointFormatException(source + ": storage type is " + PickleObjects.describe(pid[1]));
        }
        String key = String.valueOf(pid[2]);
        if (!KEY.matcher(key).matches()) {
            throw new CheckpointFormatException(source + ": storage key '" + key + "' is not a plain name");
        }
        if (!(pid[3] instanceof String)) {
            throw new CheckpointFormatException(source + ": storage location is " + PickleObjects.describe(pid[3]));
        }
        long numel = PickleObjects.integer(pid[4], "storage size");
        if (numel < 0) {
            throw new CheckpointFormatException(source + ": storage '" + key + "' has negative size " + numel);
        }
        return new StorageRef(key, type, 0, numel);
    }
}
