package dev.bert4j.viz;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG pictures of an {@link AttentionReport}, drawn with XChart: one heat map per layer and head (query tokens
 * down, key tokens across, a colour scale from 0 to 1), the heads' entropy as a layers × heads heat map, and the
 * attention rollout as a bar chart over the input tokens.
 */
public final class AttentionCharts {
    public static final String HEATMAPS = "heatmaps";
    public static final String ROLLOUT = "rollout.png";
    public static final String ENTROPY = "entropy.png";

    private AttentionCharts() {
    }

    /** {@code heatmaps/layer-L-head-H.png}, layers and heads counted from 0. */
    public static String heatmapName(int layer, int head) {
        return HEATMAPS + "/layer-" + layer + "-head-" + head + ".png";
    }

    /** Writes one heat map per layer and head under {@code dir}; returns the files. */
    public static List<Path> heatmaps(AttentionReport r, Path dir, Font font) {
        List<Path> out = new ArrayList<>();
        int T = r.tokens().size();
        int plot = Math.clamp(T * 28L, 160, 720);
        for (int l = 0; l < r.numLayers(); l++) {
            for (int h = 0; h < r.numHeads(); h++) {
                double[][] v = new double[T][T];
                for (int i = 0; i < T; i++) {
                    for (int j = 0; j < T; j++) {
                        v[i][j] = r.attention(l, h, i, j);
                    }
                }
                HeatMaps.Spec spec = new HeatMaps.Spec("Attention, layer " + l + ", head " + h,
                        "key (attended to)", "query (attending)", r.tokens(), r.tokens(), v, 0, 1,
                        HeatMaps.SEQUENTIAL, plot, plot);
                Path file = dir.resolve(heatmapName(l, h));
                HeatMaps.save(HeatMaps.chart(spec, font), file);
                out.add(file);
            }
        }
        return out;
    }

    /** The heads' mean attention entropy (nats), layers down and heads across, from 0 to ln T. */
    public static Path entropy(AttentionReport r, Path file, Font font) {
        double[][] v = new double[r.numLayers()][r.numHeads()];
        for (HeadSummary s : r.heads()) {
            v[s.layer()][s.head()] = s.entropy();
        }
        List<String> layers = HeatMaps.numbers(r.numLayers());
        List<String> heads = HeatMaps.numbers(r.numHeads());
        double max = Math.ceil(Math.log(r.tokens().size()) * 100) / 100;      // the scale's top, as printed
        HeatMaps.Spec spec = new HeatMaps.Spec("Attention entropy per head (nats; ln T = "
                + String.format(java.util.Locale.ROOT, "%.2f", max) + " is uniform)", "head", "layer", heads, layers,
                v, 0, Math.max(max, 0.01), HeatMaps.SEQUENTIAL, 36 * r.numHeads(), 36 * r.numLayers());
        HeatMaps.save(HeatMaps.chart(spec, font), file);
        return file;
    }

    /** Attention rollout from {@code [CLS]}: one bar per input token; the bars sum to 1. */
    public static Path rollout(AttentionReport r, Path file, Font font) {
        int T = r.tokens().size();
        CategoryChart chart = new CategoryChartBuilder().width(Math.clamp(T * 34L + 160, 500, 1600)).height(460)
                .title("Attention rollout to [CLS] over the input tokens").xAxisTitle("input token")
                .yAxisTitle("share of the flow").build();
        List<Double> values = new ArrayList<>(T);
        for (double v : r.rollout()) {
            values.add(v);
        }
        CategorySeries s = chart.addSeries("rollout", HeatMaps.thin(r.tokens(), T * 34), values);
        s.setFillColor(new Color(33, 102, 172));
        Styler st = chart.getStyler();
        st.setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setAvailableSpaceFill(0.8);
        HeatMaps.style(chart, font);
        HeatMaps.save(chart, file);
        return file;
    }
}
