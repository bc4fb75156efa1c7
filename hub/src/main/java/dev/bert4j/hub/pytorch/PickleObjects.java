package dev.bert4j.hub.pytorch;

import java.util.LinkedHashMap;
import java.util.List;

/** The only things a checkpoint's pickle may produce besides plain data (numbers, strings, tuples, dicts). */
final class PickleObjects {
    private PickleObjects() {}

    /** A global the pickle may call with REDUCE. */
    interface AllowedCall {
        Object call(Object[] args);

        String name();
    }

    /**
     * A storage class such as {@code torch.FloatStorage}, only ever used as an argument of a persistent
     * id. {@code dtype} is null for storage classes that exist but that bert4j does not load.
     */
    record StorageClass(String name, TorchDtype dtype) {}

    /**
     * A persistent id {@code ('storage', class, key, location, numel)}: the storage's bytes are in
     * {@code data/{key}} (zip) or after the pickles (legacy). {@code elementOffset} and {@code numel}
     * describe a view of it (legacy checkpoints only; otherwise 0 and the whole storage).
     */
    record StorageRef(String key, StorageClass type, long elementOffset, long numel) {}

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}, not yet read. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

    /** {@code collections.OrderedDict()}. */
    static final class OrderedDictValue extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    static long[] longs(Object tuple, String what) {
        Object[] items = tuple instanceof Object[] a ? a : tuple instanceof List<?> l ? l.toArray() : null;
        if (items == null) {
            throw new CheckpointFormatException(what + " is not a tuple of integers: " + describe(tuple));
        }
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = integer(items[i], what);
        }
        return out;
    }

    static long integer(Object value, String what) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw new CheckpointFormatException(what + " is not an integer: " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        String text = value instanceof Object[] a ? "tuple of " + a.length : value.toString();
        return value.getClass().getSimpleName() + " " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
}
