package dev.bert4j.viz;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** XChart heat maps with labelled rows and columns, the first row at the top, and a colour scale. */
final class HeatMaps {
    /** White to dark blue, for probabilities in [0, 1]. */
    static final Color[] SEQUENTIAL = {Color.WHITE, new Color(107, 174, 214), new Color(8, 48, 107)};
    /** Blue, white, red, for values around 0. */
    static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};
    /** Fewest pixels per axis label; denser axes label every k-th row or column only. */
    private static final int LABEL_PIXELS = 14;

    /** What to draw: labels, values[row][column], the colour range and the plot's size in pixels. */
    record Spec(String title, String xTitle, String yTitle, List<String> columns, List<String> rows,
                double[][] values, double min, double max, Color[] colors, int plotWidth, int plotHeight) {
    }

    private HeatMaps() {
    }

    static HeatMapChart chart(Spec s, Font font) {
        HeatMapChart chart = new HeatMapChartBuilder().width(s.plotWidth() + 260).height(s.plotHeight() + 200)
                .title(s.title()).xAxisTitle(s.xTitle()).yAxisTitle(s.yTitle()).build();
        int R = s.rows().size();
        List<Number[]> cells = new ArrayList<>(R * s.columns().size());
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < s.columns().size(); c++) {
                cells.add(new Number[] {c, R - 1 - r, s.values()[r][c]});          // XChart's row 0 is the bottom
            }
        }
        List<String> rows = new ArrayList<>(thin(s.rows(), s.plotHeight()));
        java.util.Collections.reverse(rows);
        chart.addSeries("values", thin(s.columns(), s.plotWidth()), rows, cells);
        HeatMapStyler st = chart.getStyler();
        st.setMin(s.min());
        st.setMax(s.max());
        st.setRangeColors(s.colors());
        st.setShowValue(false);
        st.setDrawBorder(false);
        st.setPlotGridLinesVisible(false);
        st.setAxisTicksMarksVisible(false);
        st.setHeatMapValueDecimalPattern("0.00");
        st.setXAxisLabelRotation(s.columns().stream().anyMatch(c -> c.length() > 2) ? 90 : 0);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        style(chart, font);
        return chart;
    }

    /** White background and {@code font} for every text of the chart. */
    static void style(Chart<?, ?> chart, Font font) {
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setChartTitleFont(font.deriveFont(Font.BOLD, 14f));
        st.setLegendFont(font.deriveFont(11f));
        if (st instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(font.deriveFont(Font.BOLD, 12f));
            axes.setAxisTickLabelsFont(font.deriveFont(11f));
        }
    }

    /** Every label when they fit in {@code pixels}, else every k-th (the others blank). */
    static List<String> thin(List<String> labels, int pixels) {
        int n = labels.size();
        int step = Math.max(1, (int) Math.ceil(n * (double) LABEL_PIXELS / pixels));
        if (step == 1) {
            return labels;
        }
        step = niceStep(step);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i % step == 0 ? labels.get(i) : " ");
        }
        return out;
    }

    /** The smallest of 1, 2, 4, 5, 8 times a power of ten that is at least {@code step}. */
    private static int niceStep(int step) {
        for (int scale = 1; ; scale *= 10) {
            for (int base : new int[] {1, 2, 4, 5, 8}) {
                if (base * scale >= step) {
                    return base * scale;
                }
            }
        }
    }

    /** "0", "1", ... up to n - 1. */
    static List<String> numbers(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    static void save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }
}
