package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.TensorRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Copies a tensor out of its storage: checks that offset, shape and strides stay inside the storage,
 * gathers strided (non-contiguous) views into row-major order, and converts big-endian storages.
 */
final class TensorMaterializer {
    private TensorMaterializer() {}

    /**
     * The bytes of its storage a tensor reaches (from the storage's start to its furthest element, exclusive),
     * checked for overflow and against {@link CheckpointLimits#MAX_ARRAY_BYTES}; 0 for an empty tensor.
     */
    static long reachBytes(String name, TensorRef ref) {
        long[] shape = ref.shape();
        long[] stride = ref.stride();
        if (shape.length != stride.length) {
            throw bad(name, "has " + shape.length + " dimensions but " + stride.length + " strides");
        }
        if (ref.offset() < 0) {
            throw bad(name, "has a negative storage offset " + ref.offset());
        }
        int size = ref.storage().type().dtype().byteSize();
        try {
            long last = Math.addExact(ref.offset(), ref.storage().elementOffset());
            for (int i = 0; i < shape.length; i++) {
                if (stride[i] < 0) {
                    throw bad(name, "has a negative stride " + Arrays.toString(stride));
                }
                if (shape[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
                }
            }
            long reach = TorchTensor.numel(shape) == 0 ? 0 : Math.multiplyExact(last + 1, size);
            if (reach > CheckpointLimits.MAX_ARRAY_BYTES || Math.multiplyExact(TorchTensor.numel(shape), size)
                    > CheckpointLimits.MAX_ARRAY_BYTES) {
                throw bad(name, "is larger than 2 GiB, which this reader does not support");
            }
            return reach;
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw bad(name, "has an impossible shape " + Arrays.toString(shape) + " / stride " + Arrays.toString(stride));
        }
    }

    /**
     * @param name the tensor's key, for messages
     * @param storage the storage's bytes from its start, at least as far as {@link #reachBytes} (else an error)
     * @param bigEndian whether the checkpoint was written on a big-endian machine
     */
    static TorchTensor materialize(String name, TensorRef ref, TorchDtype dtype, byte[] storage, boolean bigEndian) {
        long[] shape = ref.shape();
        long[] stride = ref.stride();
        int size = dtype.byteSize();
        long reach = reachBytes(name, ref);
        long available = Math.min(storage.length / size, ref.storage().elementOffset() + ref.storage().numel());
        if (reach > available * size) {
            throw bad(name, "reaches element " + (reach / size - 1) + " (offset " + ref.offset() + ", shape "
                    + Arrays.toString(shape) + ", stride " + Arrays.toString(stride) + ") but its storage '"
                    + ref.storage().key() + "' has " + available + " elements");
        }
        byte[] out = new byte[(int) (TorchTensor.numel(shape) * size)];
        long base = ref.offset() + ref.storage().elementOffset();
        if (out.length == 0) {
            return new TorchTensor(dtype, shape, ByteBuffer.wrap(out));
        }
        if (isContiguous(shape, stride)) {
            System.arraycopy(storage, (int) (base * size), out, 0, out.length);
        } else {
            gather(out, storage, base, shape, stride, size);
        }
        if (bigEndian && size > 1) {
            swapBytes(out, size);
        }
        return new TorchTensor(dtype, shape, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN));
    }

    static boolean isContiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** Walks the index space in row-major order, copying one element at a time. */
    private static void gather(byte[] out, byte[] storage, long base, long[] shape, long[] stride, int size) {
        int dims = shape.length;
        long[] index = new long[dims];
        long numel = out.length / size;
        for (long n = 0; n < numel; n++) {
            long element = base;
            for (int d = 0; d < dims; d++) {
                element += index[d] * stride[d];
            }
            System.arraycopy(storage, (int) (element * size), out, (int) (n * size), size);
            for (int d = dims - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    private static void swapBytes(byte[] data, int size) {
        for (int i = 0; i < data.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = data[a];
                data[a] = data[b];
                data[b] = t;
            }
        }
    }

    private static CheckpointFormatException bad(String name, String what) {
        return new CheckpointFormatException("tensor '" + name + "' " + what);
    }
}
