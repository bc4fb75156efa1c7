package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Activation} on whole vectors, the same formulas as the scalar reference in float. */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float INV_SQRT_2 = (float) Activation.INV_SQRT_2;
    private static final float SQRT_2_OVER_PI = (float) Activation.SQRT_2_OVER_PI;
    private static final float CUBIC = (float) Activation.GELU_TANH_CUBIC;

    private VectorActivations() {
    }

    /** y[from .. to) = act(y[from .. to)), whole vectors then a masked tail. */
    static void applyInPlace(Activation act, float[] y, int from, int to) {
        int full = from + (to - from) / S.length() * S.length();
        switch (act) {
            case IDENTITY -> { }
            case GELU -> {
                for (int i = from; i < full; i += S.length()) {
                    FloatVector x = FloatVector.fromArray(S, y, i);
                    x.mul(0.5f).mul(erf(x.mul(INV_SQRT_2)).add(1f)).intoArray(y, i);
                }
            }
            default -> {
                for (int i = from; i < full; i += S.length()) {
                    apply(act, FloatVector.fromArray(S, y, i)).intoArray(y, i);
                }
            }
        }
        for (int i = full; i < to; i++) {
            y[i] = act.apply(y[i]);
        }
    }

    static FloatVector apply(Activation act, FloatVector x) {
        return switch (act) {
            case IDENTITY -> x;
            case GELU -> x.mul(0.5f).mul(erf(x.mul(INV_SQRT_2)).add(1f));
            case GELU_TANH -> {
                FloatVector inner = x.mul(x).mul(x).mul(CUBIC).add(x).mul(SQRT_2_OVER_PI);
                yield x.mul(0.5f).mul(VectorMath.tanh(inner).add(1f));
            }
            case RELU -> x.max(0f);
            case SILU -> x.div(VectorMath.exp(x.neg()).add(1f));
            case TANH -> VectorMath.tanh(x);
        };
    }

    /** See {@link Activation#erf(double)}. */
    static FloatVector erf(FloatVector x) {
        FloatVector z = x.abs();
        FloatVector t = z.mul(0.5f).add(1f);
        t = FloatVector.broadcast(S, 1f).div(t);
        FloatVector p = t.mul(0.17087277f).add(-0.82215223f);
        p = p.fma(t, FloatVector.broadcast(S, 1.48851587f));
        p = p.fma(t, FloatVector.broadcast(S, -1.13520398f));
        p = p.fma(t, FloatVector.broadcast(S, 0.27886807f));
        p = p.fma(t, FloatVector.broadcast(S, -0.18628806f));
        p = p.fma(t, FloatVector.broadcast(S, 0.09678418f));
        p = p.fma(t, FloatVector.broadcast(S, 0.37409196f));
        p = p.fma(t, FloatVector.broadcast(S, 1.00002368f));
        p = p.fma(t, FloatVector.broadcast(S, -1.26551223f));
        FloatVector erfc = t.mul(VectorMath.exp(z.mul(z).neg().add(p)));
        FloatVector pos = erfc.neg().add(1f);
        return pos.blend(erfc.sub(1f), x.compare(VectorOperators.LT, 0f));
    }
}
