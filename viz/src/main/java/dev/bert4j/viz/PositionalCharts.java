package dev.bert4j.viz;

import dev.bert4j.tensor.Tensor;

import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The PNG pictures of a {@link PositionalReport}: the learned and the sinusoidal encodings as position × dimension
 * heat maps (blue negative, white 0, red positive, symmetric about 0; clipped at the 99th percentile of |value|
 * when a few values are far larger, as at all-MiniLM-L6-v2's position 0, and the title says so), and their
 * position × position cosine similarities (from -1 to 1).
 */
public final class PositionalCharts {
    public static final String LEARNED = "position_embeddings.png";
    public static final String LEARNED_SIMILARITY = "position_similarity.png";
    public static final String SINUSOIDAL = "sinusoidal.png";
    public static final String SINUSOIDAL_SIMILARITY = "sinusoidal_similarity.png";

    private PositionalCharts() {
    }

    /** Writes the four charts into {@code dir}; returns them in the order of the names above. */
    public static List<Path> write(PositionalReport r, Path dir, Font font) {
        int P = r.positions();
        int C = r.hiddenSize();
        int plotW = Math.clamp(2L * C, 320, 1536);                 // about two pixels per dimension
        int plotH = Math.clamp(P + P / 5L, 320, 1024);             // and at least one per position
        List<Path> out = new ArrayList<>();
        out.add(table(dir.resolve(LEARNED), "Learned position embeddings (" + r.model() + ")", r.learned(), plotW,
                plotH, font));
        out.add(similarity(dir.resolve(LEARNED_SIMILARITY), "Cosine similarity of learned positions ("
                + r.model() + ")", r.learnedSimilarity(), plotH, font));
        out.add(table(dir.resolve(SINUSOIDAL), "Sinusoidal encoding (Vaswani et al., 2017), same size",
                r.sinusoidal(), plotW, plotH, font));
        out.add(similarity(dir.resolve(SINUSOIDAL_SIMILARITY), "Cosine similarity of sinusoidal positions",
                r.sinusoidalSimilarity(), plotH, font));
        return out;
    }

    private static Path table(Path file, String title, Tensor t, int plotW, int plotH, Font font) {
        double[] abs = new double[t.numel()];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(t.data()[i]);
        }
        Arrays.sort(abs);
        double max = roundUp(abs[abs.length - 1]);
        double scale = roundUp(abs[(int) Math.floor(0.99 * (abs.length - 1))]);
        if (scale < max) {                                            // a few outliers would wash out the rest
            title += ", colour scale clipped at \u00b1" + scale + " (99% of |values|; largest " + max + ")";
        }
        HeatMaps.Spec spec = new HeatMaps.Spec(title, "dimension", "position", HeatMaps.numbers(t.dim(1)),
                HeatMaps.numbers(t.dim(0)), rows(t), -scale, scale, HeatMaps.DIVERGING, plotW, plotH);
        HeatMaps.save(HeatMaps.chart(spec, font), file);
        return file;
    }

    private static Path similarity(Path file, String title, Tensor t, int plot, Font font) {
        HeatMaps.Spec spec = new HeatMaps.Spec(title, "position", "position", HeatMaps.numbers(t.dim(1)),
                HeatMaps.numbers(t.dim(0)), rows(t), -1, 1, HeatMaps.DIVERGING, plot, plot);
        HeatMaps.save(HeatMaps.chart(spec, font), file);
        return file;
    }

    /** {@code v} rounded up to two significant digits (1 for 0), so the colour scale prints short. */
    static double roundUp(double v) {
        if (v <= 0) {
            return 1;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        return new java.math.BigDecimal(Math.ceil(v / unit - 1e-9) * unit)
                .round(new java.math.MathContext(2)).doubleValue();
    }

    static double[][] rows(Tensor t) {
        int R = t.dim(0);
        int C = t.dim(1);
        double[][] out = new double[R][C];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                out[r][c] = t.data()[r * C + c];
            }
        }
        return out;
    }
}
