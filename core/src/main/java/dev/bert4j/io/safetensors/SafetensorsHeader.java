package dev.bert4j.io.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.tensor.DType;

import java.nio.file.Path;
import java.util.Map;

/** Validation of one header entry against the dtype table and the data section size. */
final class SafetensorsHeader {
    private static final Map<String, Integer> SIZES = Map.ofEntries(
            Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1),
            Map.entry("U8", 1), Map.entry("BOOL", 1), Map.entry("U16", 2), Map.entry("U32", 4),
            Map.entry("U64", 8), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));

    private SafetensorsHeader() {
    }

    static DType floatType(String dtype) {
        return switch (dtype) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            default -> null;
        };
    }

    static TensorEntry entry(Path path, String name, JsonNode node, long dataSize) {
        String where = path + ": tensor '" + name + "'";
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new SafetensorsException(where + " needs dtype, shape and data_offsets [begin, end]");
        }
        Integer size = SIZES.get(dtype.textValue());
        if (size == null) {
            throw new SafetensorsException(where + " has unknown dtype '" + dtype.textValue() + "'");
        }
        int[] dims = dims(where, shape);
        long begin = offset(offsets.get(0));
        long end = offset(offsets.get(1));
        if (begin < 0 || end < begin) {
            throw new SafetensorsException(where + " has invalid data_offsets " + offsets);
        }
        if (end > dataSize) {
            throw new SafetensorsException(where + " has data_offsets " + offsets + " past the end of the data ("
                    + dataSize + " bytes); the file is truncated or corrupt");
        }
        long bytes = bytes(dims, size);
        if (bytes < 0) {
            throw new SafetensorsException(where + " has shape " + shape + " whose size in bytes does not fit in "
                    + "64 bits; the file is corrupt or hostile");
        }
        if (end - begin != bytes) {
            throw new SafetensorsException(where + " of dtype " + dtype.textValue() + " and shape " + shape
                    + " needs " + bytes + " bytes but data_offsets " + offsets + " span " + (end - begin));
        }
        return new TensorEntry(name, dtype.textValue(), dims, begin, end);
    }

    private static int[] dims(String where, JsonNode shape) {
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).canConvertToInt() || shape.get(i).intValue() < 0) {
                throw new SafetensorsException(where + " has an invalid shape " + shape);
            }
            dims[i] = shape.get(i).intValue();
        }
        return dims;
    }

    /** A non-negative offset, or -1 for anything else (a fraction, text, a number beyond 64 bits). */
    private static long offset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : -1;
    }

    /** numel times the element size, or -1 when it overflows 64 bits (it must not wrap to a small number). */
    static long bytes(int[] dims, int elementSize) {
        try {
            long n = elementSize;
            for (int d : dims) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
