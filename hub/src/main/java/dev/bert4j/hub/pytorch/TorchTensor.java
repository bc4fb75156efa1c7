package dev.bert4j.hub.pytorch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a checkpoint, contiguous in row-major order, little-endian.
 *
 * @param dtype the element type
 * @param shape the dimensions (empty for a scalar)
 * @param data read-only little-endian bytes, {@code numel * dtype.byteSize()} long
 */
public record TorchTensor(TorchDtype dtype, long[] shape, ByteBuffer data) {
    public TorchTensor {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long bytes = Math.multiplyExact(numel(shape), dtype.byteSize());
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " and type " + dtype
                    + " needs " + bytes + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A fresh little-endian read-only view of the bytes. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of elements. */
    public long numel() {
        return numel(shape);
    }

    /** The values widened to float32 (exact for F16 and BF16). */
    public float[] toFloatArray() {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalStateException("tensor of type " + dtype + " is not floating point");
        }
        float[] out = new float[Math.toIntExact(numel())];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case F32 -> b.getFloat(i * 4);
                case F16 -> Float.float16ToFloat(b.getShort(i * 2));
                case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                case I64 -> throw new AssertionError();
            };
        }
        return out;
    }

    /** The values of an {@link TorchDtype#I64} tensor. */
    public long[] toLongArray() {
        if (dtype != TorchDtype.I64) {
            throw new IllegalStateException("tensor of type " + dtype + " is not I64");
        }
        long[] out = new long[Math.toIntExact(numel())];
        data().asLongBuffer().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensor t && dtype == t.dtype && Arrays.equals(shape, t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    @Override
    public String toString() {
        return "TorchTensor[" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
