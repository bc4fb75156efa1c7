package dev.bert4j.tensor;

/** Element types of stored weights; compute is always float32. */
public enum DType {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Widens an IEEE 754 half-precision value (as 16 raw bits) to float. */
    public static float halfToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** Widens a bfloat16 value (the high 16 bits of a float32) to float. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
