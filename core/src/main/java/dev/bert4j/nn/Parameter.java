package dev.bert4j.nn;

import dev.bert4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A trainable weight: its values and its gradient, the same shape, owned once. A parameter may be a
 * view of a contiguous range of another's storage (the query, key and value weights are views of the
 * fused QKV projection), so an optimizer step through any name changes what the next forward reads.
 *
 * <p>{@link #version()} counts the changes announced by {@link #markChanged()}; kernels that keep a
 * packed copy of a weight compare it to rebuild that copy, never letting it drift from the values.
 */
public final class Parameter {
    private final int[] shape;
    private final float[] data;
    private final int offset;
    private final int length;
    private final Parameter root;
    private float[] grad;
    private long version;

    /** A parameter owning {@code data} (not copied), of {@code shape}. */
    public Parameter(int[] shape, float[] data) {
        long n = Tensor.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
        this.offset = 0;
        this.length = data.length;
        this.root = null;
    }

    public static Parameter of(Tensor t) {
        return new Parameter(t.shape(), t.data());
    }

    private Parameter(Parameter root, int offset, int[] shape) {
        this.shape = shape.clone();
        this.data = root.data;
        this.offset = offset;
        this.length = Math.toIntExact(Tensor.numel(shape));
        this.root = root;
        if (offset < 0 || offset + length > root.length) {
            throw new IllegalArgumentException("view [" + offset + ", " + (offset + length) + ") is outside its "
                    + root.length + " values");
        }
    }

    /** A view of {@code numel(shape)} values of this (root) parameter starting at {@code offset}. */
    public Parameter view(int offset, int... shape) {
        if (root != null) {
            throw new IllegalStateException("a view of a view is not supported");
        }
        return new Parameter(this, offset, shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i];
    }

    /** The backing array; this parameter's values are {@code [offset(), offset() + size())}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return length;
    }

    /** The gradient array, parallel to {@link #data()} (same offset), allocated zeroed on first use. */
    public float[] grad() {
        if (root != null) {
            return root.grad();
        }
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    /** Whether a gradient array exists (false until a backward pass or {@link #grad()} needed one). */
    public boolean hasGrad() {
        return root != null ? root.hasGrad() : grad != null;
    }

    /** Sets this parameter's gradient range to zero. */
    public void zeroGrad() {
        if (hasGrad()) {
            Arrays.fill(grad(), offset, offset + length, 0f);
        }
    }

    /** Announces that the values changed (after an optimizer step or a load), so packed copies are rebuilt. */
    public void markChanged() {
        if (root != null) {
            root.markChanged();
        } else {
            version++;
        }
    }

    public long version() {
        return root != null ? root.version() : version;
    }

    /** A tensor of this parameter's values: the same array when it owns it whole, else a copy of its range. */
    public Tensor tensor() {
        if (root == null) {
            return new Tensor(shape.clone(), data);
        }
        return new Tensor(shape.clone(), Arrays.copyOfRange(data, offset, offset + length));
    }

    /** A copy of the gradient range as a tensor (zeros when there is no gradient yet). */
    public Tensor gradTensor() {
        float[] g = hasGrad() ? Arrays.copyOfRange(grad(), offset, offset + length) : new float[length];
        return new Tensor(shape.clone(), g);
    }

    @Override
    public String toString() {
        return "Parameter" + Arrays.toString(shape) + (root == null ? "" : " view@" + offset);
    }
}
