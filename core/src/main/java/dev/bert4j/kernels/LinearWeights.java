package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The weights of one Linear layer, {@code weight (out, in)} and optional {@code bias (out)}, plus a
 * copy packed for the vector kernel (rebuilt by {@link #repack()}): column panels of {@link #panelWidth()} outputs, each
 * stored k-major ({@code packed[p][k][j] = weight[p * NR + j][k]}), zero-padded at the edge. The packed copy is made
 * when the vector kernel first asks for it, not when the model loads: a run that embeds one short text takes the
 * scalar kernels ({@link ColdStartKernels}) and never needs it, which saves a model's worth of copying at start.
 */
public final class LinearWeights {
    private final float[] weight;
    private final float[] bias;
    private final int out;
    private final int in;
    private final int panelWidth;
    private final Object packing = new Object();
    /** Null until {@link #packed()} first runs; then current with {@link #weight} (see {@link #repack()}). */
    private volatile float[] packed;

    public LinearWeights(float[] weight, float[] bias, int out, int in) {
        if (weight.length != (long) out * in) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected (" + out
                    + ", " + in + ")");
        }
        if (bias != null && bias.length != out) {
            throw new IllegalArgumentException("bias holds " + bias.length + " values, expected " + out);
        }
        this.weight = weight;
        this.bias = bias;
        this.out = out;
        this.in = in;
        this.panelWidth = 2 * FloatVector.SPECIES_PREFERRED.length();
    }

    /** Packs the weight again after its values changed (an optimizer step); the packed copy is never stale. */
    public void repack() {
        synchronized (packing) {
            float[] p = packed;
            if (p != null) {
                pack(p, weight, out, in, panelWidth);
            }
        }
    }

    private static void pack(float[] p, float[] w, int out, int in, int nr) {
        int panels = (out + nr - 1) / nr;
        for (int panel = 0; panel < panels; panel++) {
            int base = panel * nr * in;
            for (int j = 0; j < nr; j++) {
                int o = panel * nr + j;
                if (o >= out) {
                    break;
                }
                for (int k = 0; k < in; k++) {
                    p[base + k * nr + j] = w[o * in + k];
                }
            }
        }
    }

    /** {@code (out, in)}, row-major. */
    public float[] weight() {
        return weight;
    }

    /** {@code (out)} or null. */
    public float[] bias() {
        return bias;
    }

    public int out() {
        return out;
    }

    public int in() {
        return in;
    }

    /** The packed copy, made on first use (any thread; made once). */
    float[] packed() {
        float[] p = packed;
        if (p != null) {
            return p;
        }
        synchronized (packing) {
            if (packed == null) {
                float[] made = new float[panels() * panelWidth * in];
                pack(made, weight, out, in, panelWidth);
                packed = made;
            }
            return packed;
        }
    }

    int panelWidth() {
        return panelWidth;
    }

    int panels() {
        return (out + panelWidth - 1) / panelWidth;
    }
}
