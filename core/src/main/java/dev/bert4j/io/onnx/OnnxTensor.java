package dev.bert4j.io.onnx;

import dev.bert4j.io.UntrustedSizes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One ONNX TensorProto (an initializer or a Constant value). Data is kept as the raw little-endian
 * bytes ({@code raw_data}) or, for the typed repeated fields, already decoded into {@code floats}
 * or {@code longs}.
 */
public record OnnxTensor(String name, int dataType, long[] dims, byte[] raw, float[] floats, long[] longs) {

    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    /**
     * The number of elements {@code dims} describe, checked before anything is sized from it: dims from the
     * file must be non-negative and their product must fit one bert4j tensor
     * ({@link UntrustedSizes#MAX_TENSOR_ELEMENTS}).
     */
    public long elementCount() {
        long n = 1;
        try {
            for (long d : dims) {
                if (d < 0) {
                    throw tooLarge("has a negative dimension");
                }
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            throw tooLarge("has more elements than a 64-bit count holds");
        }
        if (n > UntrustedSizes.MAX_TENSOR_ELEMENTS) {
            throw tooLarge("has " + n + " elements, more than the " + UntrustedSizes.MAX_TENSOR_ELEMENTS
                    + " one bert4j tensor holds");
        }
        return n;
    }

    public int[] shape() {
        elementCount();
        int[] s = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw tooLarge("has a dimension over " + Integer.MAX_VALUE);
            }
            s[i] = (int) dims[i];
        }
        return s;
    }

    private OnnxFormatException tooLarge(String what) {
        return new OnnxFormatException("tensor '" + name + "' of shape " + Arrays.toString(dims) + " " + what
                + "; the file is corrupt or not a BERT export");
    }

    /** Fails unless the tensor holds at least {@code n} values of {@code width} bytes (checked before allocating). */
    private void requireValues(int n, int width) {
        long held = floats != null ? floats.length : longs != null ? longs.length : raw == null ? 0 : raw.length / width;
        if (held < n) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + Arrays.toString(dims) + " needs " + n
                    + " values but holds " + held + "; the file is corrupt or truncated");
        }
    }

    /** The values as float32; only FLOAT tensors. */
    public float[] toFloats() {
        if (dataType != FLOAT) {
            throw new OnnxFormatException("tensor '" + name + "' has ONNX data type " + dataType
                    + ", expected FLOAT (1); quantized or half-precision exports are not supported");
        }
        int n = Math.toIntExact(elementCount());
        if (floats != null && floats.length == n) {
            return floats.clone();
        }
        if (raw == null || raw.length != 4L * n) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + Arrays.toString(dims)
                    + " holds " + (raw == null ? 0 : raw.length) + " bytes, expected " + 4L * n);
        }
        float[] out = new float[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The values as longs; INT64, INT32 or FLOAT/DOUBLE scalars holding whole numbers. */
    public long[] toLongs() {
        int n = Math.toIntExact(elementCount());
        if (longs != null && longs.length == n) {
            return longs.clone();
        }
        requireValues(n, dataType == INT32 || dataType == FLOAT ? 4 : 8);
        long[] out = new long[n];
        ByteBuffer b = raw == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (dataType) {
                case INT64 -> b.getLong();
                case INT32 -> b.getInt();
                case FLOAT -> (long) (floats != null && floats.length == n ? floats[i] : b.getFloat());
                default -> throw new OnnxFormatException("tensor '" + name + "' has ONNX data type "
                        + dataType + " where integers were expected");
            };
        }
        return out;
    }

    /** A scalar (or one-element) value as double: FLOAT, DOUBLE, INT32 or INT64. */
    public double scalar() {
        if (elementCount() != 1) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + Arrays.toString(dims)
                    + " is not a scalar");
        }
        return switch (dataType) {
            case FLOAT -> toFloats()[0];
            case DOUBLE -> ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getDouble();
            default -> toLongs()[0];
        };
    }
}
