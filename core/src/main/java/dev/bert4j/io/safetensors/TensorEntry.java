package dev.bert4j.io.safetensors;

import java.util.Arrays;

/**
 * One header entry: the dtype name as written ({@code F32}, {@code F16}, {@code BF16}, {@code I64}...),
 * the shape and the byte range {@code [begin, end)} relative to the start of the data section.
 */
public record TensorEntry(String name, String dtype, int[] shape, long begin, long end) {
    /** The element count; never overflows for an entry of an opened file, whose bytes lie inside the file. */
    public long numel() {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
