package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp}, {@code tanh} and lane sums built only from IEEE-exact vector operations (add, multiply, fma,
 * compare, bit moves). The Vector API's own {@code EXP}/{@code TANH} and {@code reduceLanes(ADD)} may give
 * different last bits when compiled than when interpreted, so a computation would depend on how warm the JIT
 * is; these give the same bits in every mode, which makes training runs repeat bit for bit across processes.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float MIN_ARG = -87.33f;
    private static final float MAX_ARG = 88.0f;

    private VectorMath() {
    }

    /** e^x within about 2 ulp; 0 below -87.33 (where float runs out of normal numbers), clamped above 88. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(MIN_ARG).min(MAX_ARG);
        FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER));
        FloatVector n = t.sub(ROUNDER);                                                   // round(x / ln 2)
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);                     // x - n ln2, in two parts
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, 1f / 720), FloatVector.broadcast(S, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));                                       // e^r on [-ln2/2, ln2/2]
        FloatVector scale = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();                                                    // 2^n
        return p.mul(scale).blend(0f, x.compare(VectorOperators.LT, MIN_ARG));
    }

    /** tanh(x) = 1 - 2 / (e^{2x} + 1), odd-symmetric, exactly ±1 for |x| > 9. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs().min(9f);
        FloatVector t = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(a.mul(2f)).add(1f)));
        return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
    }

    /** The sum of the lanes, left to right. */
    static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
