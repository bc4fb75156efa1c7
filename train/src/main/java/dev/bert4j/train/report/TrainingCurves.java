package dev.bert4j.train.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The curves of one training run: values per step for named series such as {@code train_loss},
 * {@code learning_rate}, {@code eval_loss} and {@code eval_accuracy}. Written as {@value #CSV}
 * ({@code step,epoch,series,value}) and as PNG charts ({@link CurveCharts}); read back with
 * {@link #readCsv} so a resumed run continues the same curves. Not thread-safe: one trainer adds to it.
 */
public final class TrainingCurves {
    /** The CSV file's name in a run's output directory. */
    public static final String CSV = "curves.csv";
    static final String HEADER = "step,epoch,series,value";

    private final List<CurvePoint> points = new ArrayList<>();

    /** Adds one value; see {@link CurvePoint} for what the arguments mean and must be. */
    public void add(long step, double epoch, String series, double value) {
        points.add(new CurvePoint(step, epoch, series, value));
    }

    /** Every point, in the order added. */
    public List<CurvePoint> points() {
        return List.copyOf(points);
    }

    /** The names of the series, in the order first added. */
    public Set<String> seriesNames() {
        Set<String> names = new LinkedHashSet<>();
        points.forEach(p -> names.add(p.series()));
        return names;
    }

    /** The points of one series, ordered by step (stable for equal steps); empty when it has none. */
    public List<CurvePoint> series(String name) {
        return points.stream().filter(p -> p.series().equals(name))
                .sorted(Comparator.comparingLong(CurvePoint::step)).toList();
    }

    /**
     * Drops every point logged after {@code step}: a run resumed from the checkpoint at {@code step}
     * logs those steps again.
     */
    public void dropAfter(long step) {
        points.removeIf(p -> p.step() > step);
    }

    /** Writes {@value #CSV} and the charts into {@code dir}; returns the files written. */
    public List<Path> write(Path dir) {
        List<Path> written = new ArrayList<>();
        written.add(writeCsv(dir.resolve(CSV)));
        written.addAll(CurveCharts.write(this, dir));
        return written;
    }

    /** Writes all points as CSV ({@code step,epoch,series,value}), atomically; returns {@code file}. */
    public Path writeCsv(Path file) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (CurvePoint p : points) {
            sb.append(p.step()).append(',').append(p.epoch()).append(',').append(p.series()).append(',')
                    .append(p.value()).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * The curves in a CSV file written by {@link #writeCsv}.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException naming the file and line when it is not such a CSV file
     */
    public static TrainingCurves readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training curves " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException(file + " is not a training-curves file: its first line must be '"
                    + HEADER + "'");
        }
        TrainingCurves curves = new TrainingCurves();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                curves.points.add(parse(line, file, i + 1));
            }
        }
        return curves;
    }

    private static CurvePoint parse(String line, Path file, int lineNumber) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 4 fields (" + HEADER
                    + "), got " + f.length + ": " + line);
        }
        try {
            return new CurvePoint(Long.parseLong(f[0]), Double.parseDouble(f[1]), f[2], Double.parseDouble(f[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": " + e.getMessage() + ": " + line, e);
        }
    }
}
