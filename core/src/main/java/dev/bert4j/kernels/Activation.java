package dev.bert4j.kernels;

import java.util.Locale;

/**
 * Element-wise activations. The scalar {@link #apply(float)} is the reference; vectorized kernels
 * implement the same formulas and are tested against it.
 */
public enum Activation {
    IDENTITY, GELU, GELU_TANH, RELU, SILU, TANH;

    /** sqrt(2 / pi), part of the tanh approximation of GELU. */
    static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    /** The cubic coefficient of the tanh approximation of GELU. */
    static final double GELU_TANH_CUBIC = 0.044715;
    static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /**
     * Maps a {@code hidden_act} value from {@code config.json} to an activation.
     *
     * @throws UnsupportedActivationException for names BERT checkpoints do not use
     */
    public static Activation fromHiddenAct(String name) {
        if (name == null) {
            throw new UnsupportedActivationException("hidden_act is missing");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu" -> GELU;
            case "gelu_new", "gelu_pytorch_tanh" -> GELU_TANH;
            case "relu" -> RELU;
            case "silu", "swish" -> SILU;
            case "tanh" -> TANH;
            default -> throw new UnsupportedActivationException("hidden_act '" + name + "' is not supported; use "
                    + "one of gelu, gelu_new, gelu_pytorch_tanh, relu, silu, swish, tanh");
        };
    }

    /** The scalar reference, computed in double precision. */
    public float apply(float xf) {
        double x = xf;
        return (float) switch (this) {
            case IDENTITY -> x;
            case GELU -> 0.5 * x * (1 + erf(x * INV_SQRT_2));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x)));
            case RELU -> Math.max(x, 0);
            case SILU -> x / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /** The derivative at {@code x}, for backward: {@code dx = dy · act'(x)} where x is the pre-activation. */
    public double derivative(float xf) {
        double x = xf;
        return switch (this) {
            case IDENTITY -> 1;
            case GELU -> 0.5 * (1 + erf(x * INV_SQRT_2)) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;   // Φ(x) + x φ(x)
            case GELU_TANH -> {
                double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x));
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * x * x);
            }
            case RELU -> x > 0 ? 1 : 0;
            case SILU -> {
                double s = 1 / (1 + Math.exp(-x));
                yield s * (1 + x * (1 - s));
            }
            case TANH -> {
                double t = Math.tanh(x);
                yield 1 - t * t;
            }
        };
    }

    /**
     * The error function via the Chebyshev-fitted complementary error function of Numerical Recipes
     * (fractional error below 1.2e-7 everywhere), the same formula the vector kernel uses.
     */
    public static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z + erfcPoly(t));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }

    static double erfcPoly(double t) {
        return -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    }
}
