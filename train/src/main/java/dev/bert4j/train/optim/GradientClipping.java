package dev.bert4j.train.optim;

import dev.bert4j.nn.Parameter;

import java.util.List;

/** Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_} (L2, the Trainer's default). */
public final class GradientClipping {
    /** Added to the norm before dividing, as PyTorch does, so a zero gradient never divides by zero. */
    private static final double NORM_EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when that is below 1, where {@code norm} is the
     * L2 norm over every parameter's gradient range (computed in double). Parameters without a gradient
     * are ignored; views of one storage each count their own range once.
     *
     * @return the total norm before clipping (infinite or NaN when a gradient is; nothing is scaled then,
     *         so the caller should check it)
     * @throws IllegalArgumentException when {@code maxNorm} is not positive, or parameters share values
     */
    public static double clipGlobalNorm(List<NamedParameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max gradient norm must be > 0, got " + maxNorm);
        }
        NamedParameter.requireDistinct(parameters);
        double norm = globalNorm(parameters);
        double scale = maxNorm / (norm + NORM_EPS);
        if (scale < 1) {
            float s = (float) scale;
            for (NamedParameter np : parameters) {
                Parameter p = np.parameter();
                if (p.hasGrad()) {
                    float[] g = p.grad();
                    for (int i = p.offset(), end = p.offset() + p.size(); i < end; i++) {
                        g[i] *= s;
                    }
                }
            }
        }
        return norm;
    }

    /** The L2 norm over every parameter's gradient range, in double. */
    public static double globalNorm(List<NamedParameter> parameters) {
        double sumSquares = 0;
        for (NamedParameter np : parameters) {
            Parameter p = np.parameter();
            if (p.hasGrad()) {
                float[] g = p.grad();
                for (int i = p.offset(), end = p.offset() + p.size(); i < end; i++) {
                    sumSquares += (double) g[i] * g[i];
                }
            }
        }
        return Math.sqrt(sumSquares);
    }
}
