package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The weights of one Linear layer, {@code weight (out, in)} and optional {@code bias (out)}, plus a
 * copy packed for the vector kernel (rebuilt by {@link #repack()}): column panels of {@link #panelWidth()} outputs, each
 * stored k-major ({@code packed[p][k][j] = weight[p * NR + j][k]}), zero-padded at the edge.
 */
public final class LinearWeights {
    private final float[] weight;
    private final float[] bias;
    private final int out;
    private final int in;
    private final float[] packed;
    private final int panelWidth;

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
        this.packed = new float[panels() * panelWidth * in];
        pack(packed, weight, out, in, panelWidth);
    }

    /** Packs the weight again after its values changed (an optimizer step); the packed copy is never stale. */
    public void repack() {
        pack(packed, weight, out, in, panelWidth);
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

    float[] packed() {
        return packed;
    }

    int panelWidth() {
        return panelWidth;
    }

    int panels() {
        return (out + panelWidth - 1) / panelWidth;
    }
}
