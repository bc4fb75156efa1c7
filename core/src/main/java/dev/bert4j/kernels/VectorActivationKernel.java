package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Activations on whole vectors in float (GELU's derivative too), spread over threads in contiguous chunks. */
public final class VectorActivationKernel implements ActivationKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float INV_SQRT_2 = (float) Activation.INV_SQRT_2;
    private static final float INV_SQRT_2PI = (float) Activation.INV_SQRT_2PI;

    private final Parallel parallel;

    public VectorActivationKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(Activation act, float[] y, float[] x, int n) {
        parallel.forRange(n, (start, end, worker) -> {
            if (y != x) {
                System.arraycopy(x, start, y, start, end - start);
            }
            VectorActivations.applyInPlace(act, y, start, end);
        });
    }

    @Override
    public void backward(Activation act, float[] dx, float[] dy, float[] pre, int n) {
        parallel.forRange(n, (start, end, worker) -> {
            int i = start;
            if (act == Activation.GELU) {            // Φ(x) + x φ(x)
                for (; i + S.length() <= end; i += S.length()) {
                    FloatVector x = FloatVector.fromArray(S, pre, i);
                    FloatVector cdf = VectorActivations.erf(x.mul(INV_SQRT_2)).add(1f).mul(0.5f);
                    FloatVector pdf = VectorMath.exp(x.mul(x).mul(-0.5f)).mul(INV_SQRT_2PI);
                    FloatVector.fromArray(S, dy, i).mul(x.fma(pdf, cdf)).intoArray(dx, i);
                }
            }
            for (; i < end; i++) {
                dx[i] = (float) (dy[i] * act.derivative(pre[i]));
            }
        });
    }
}
