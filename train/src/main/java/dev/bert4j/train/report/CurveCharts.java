package dev.bert4j.train.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@link TrainingCurves} as 800x500 PNG charts with XChart (works headless): {@value #LOSS} (train
 * loss, its smoothed curve and eval loss), {@value #LEARNING_RATE}, and {@value #METRICS} (every other
 * {@code eval_} series). A chart with nothing to draw is not written.
 */
public final class CurveCharts {
    public static final String LOSS = "loss.png";
    public static final String LEARNING_RATE = "learning_rate.png";
    public static final String METRICS = "metrics.png";
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    /** Weight of the past in the smoothed train loss (a debiased exponential moving average, as TensorBoard's). */
    public static final double SMOOTHING = 0.9;

    private CurveCharts() {
    }

    /** Writes the charts that have data into {@code dir}, atomically; returns the files written. */
    public static List<Path> write(TrainingCurves curves, Path dir) {
        List<Path> written = new ArrayList<>();
        XYChart loss = lossChart(curves);
        if (loss != null) {
            written.add(save(loss, dir.resolve(LOSS)));
        }
        List<CurvePoint> lr = finite(curves.series("learning_rate"));
        if (!lr.isEmpty()) {
            XYChart chart = chart("Learning rate", "learning rate");
            chart.getStyler().setYAxisDecimalPattern("0.0##E0");
            line(chart, "learning_rate", lr);
            written.add(save(chart, dir.resolve(LEARNING_RATE)));
        }
        XYChart metrics = metricsChart(curves);
        if (metrics != null) {
            written.add(save(metrics, dir.resolve(METRICS)));
        }
        return written;
    }

    private static XYChart lossChart(TrainingCurves curves) {
        List<CurvePoint> train = finite(curves.series("train_loss"));
        List<CurvePoint> eval = finite(curves.series("eval_loss"));
        if (train.isEmpty() && eval.isEmpty()) {
            return null;
        }
        XYChart chart = chart("Loss", "loss");
        if (!train.isEmpty()) {
            line(chart, "train_loss", train).setLineColor(new Color(150, 180, 230)).setLineWidth(1f);
            line(chart, "train_loss (smoothed)", smoothed(train)).setLineColor(new Color(30, 80, 180));
        }
        if (!eval.isEmpty()) {
            line(chart, "eval_loss", eval).setMarker(SeriesMarkers.CIRCLE);
            chart.getSeriesMap().get("eval_loss").setLineColor(new Color(220, 90, 30));
        }
        return chart;
    }

    private static XYChart metricsChart(TrainingCurves curves) {
        XYChart chart = null;
        for (String name : curves.seriesNames()) {
            List<CurvePoint> points = finite(curves.series(name));
            if (name.startsWith("eval_") && !name.contains("loss") && !points.isEmpty()) {
                if (chart == null) {
                    chart = chart("Evaluation metrics", "value");
                    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE); // metrics usually rise
                }
                line(chart, name, points).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /** The debiased exponential moving average of the values, with weight {@link #SMOOTHING} on the past. */
    static List<CurvePoint> smoothed(List<CurvePoint> points) {
        List<CurvePoint> out = new ArrayList<>(points.size());
        double ema = 0;
        double weight = 1;
        for (CurvePoint p : points) {
            ema = SMOOTHING * ema + (1 - SMOOTHING) * p.value();
            weight *= SMOOTHING;
            out.add(new CurvePoint(p.step(), p.epoch(), p.series(), ema / (1 - weight)));
        }
        return out;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step")
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(5);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<CurvePoint> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).step();
            y[i] = points.get(i).value();
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /** XChart cannot scale an axis to NaN or infinity: those points stay in the CSV only. */
    private static List<CurvePoint> finite(List<CurvePoint> points) {
        return points.stream().filter(p -> Double.isFinite(p.value())).toList();
    }

    private static Path save(XYChart chart, Path file) {
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
        }
    }
}
