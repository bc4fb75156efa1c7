package dev.bert4j.cli;

import dev.bert4j.hub.DownloadListener;
import dev.bert4j.hub.HubModelId;
import dev.bert4j.io.ConversionListener;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Progress bars on standard error for the long steps a command may take before it answers: converting
 * a model (the embedded default on first use, an ONNX export) and downloading one from the Hub.
 * Silent when {@code quiet}.
 */
final class Progress implements ConversionListener, DownloadListener, AutoCloseable {
    private static final long MIB = 1L << 20;
    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;
    private String task;

    Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void progress(Stage stage, long done, long total) {
        if (stage == Stage.DONE) {
            finish();
            return;
        }
        String name = switch (stage) {
            case READING -> "Reading model";
            case IMPORTING -> "Converting";
            case WRITING -> "Writing safetensors";
            case DONE -> throw new AssertionError(stage);
        };
        boolean bytes = stage == Stage.READING;
        show(name, total, bytes);
        if (bar != null) {
            bar.stepTo(bytes ? done / MIB : done);
        }
    }

    @Override
    public synchronized void started(HubModelId id, String file, long totalBytes, long resumedFrom) {
        show("Downloading " + id.repoId() + " " + file, totalBytes, true);
        if (bar != null) {
            bar.stepTo(resumedFrom / MIB);
        }
    }

    @Override
    public synchronized void progressed(HubModelId id, String file, long bytesDone, long totalBytes) {
        if (bar != null) {
            bar.stepTo(bytesDone / MIB);
        }
    }

    @Override
    public synchronized void finished(HubModelId id, String file) {
        finish();
    }

    private void show(String name, long total, boolean bytes) {
        if (quiet || name.equals(task)) {
            return;
        }
        finish();
        task = name;
        long max = total < 0 ? -1 : bytes ? Math.max(1, (total + MIB - 1) / MIB) : total;
        bar = builder(err, name).setInitialMax(max).setUnit(bytes ? " MiB" : "", 1).build();
    }

    /** The house style of a bar on {@code err}: ASCII, redrawn in place four times a second. */
    static ProgressBarBuilder builder(PrintWriter err, String name) {
        return new ProgressBarBuilder()
                .setTaskName(name)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, 100));
    }

    private void finish() {
        if (bar != null) {
            if (bar.getMax() > 0) {
                bar.stepTo(bar.getMax());
            }
            bar.close();
            err.println();
            err.flush();
            bar = null;
        }
        task = null;
    }

    @Override
    public synchronized void close() {
        finish();
    }
}
