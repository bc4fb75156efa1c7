package dev.bert4j.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a shape and its row-major data. Linear weights are {@code (out, in)}.
 * The arrays are shared, not copied; treat a tensor taken from a loaded model as read-only.
 */
public record Tensor(int[] shape, float[] data) {

    public Tensor {
        long n = numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new float[Math.toIntExact(numel(shape))]);
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    public int numel() {
        return data.length;
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** A copy whose {@code (rows, cols)} matrix is transposed to {@code (cols, rows)}. */
    public Tensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose2d needs a matrix, got shape " + shapeString());
        }
        int rows = shape[0];
        int cols = shape[1];
        float[] t = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[r * cols + c];
            }
        }
        return new Tensor(new int[] {cols, rows}, t);
    }
}
