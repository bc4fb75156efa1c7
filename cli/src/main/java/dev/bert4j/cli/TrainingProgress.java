package dev.bert4j.cli;

import dev.bert4j.train.TrainingListener;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shows a training run on standard error: a progress bar over the optimizer steps with the loss, the
 * learning rate, tokens per second and the time left; evaluations, checkpoints and messages as lines.
 * With {@code quiet}, only evaluations and messages.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;

    TrainingProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void onStart(long step, long totalSteps, int examples) {
        line(String.format(Locale.ROOT, "training on %d features for %d steps", examples, totalSteps));
        if (!quiet) {
            bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(totalSteps).startsFrom(step, java.time.Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(160).setConsumer(new DelegatingProgressBarConsumer(s -> {
                        err.print('\r' + s);
                        err.flush();
                    })).build();
        }
    }

    @Override
    public void onStep(StepReport r) {
        if (bar != null) {
            bar.stepTo(r.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.2e %.0f tok/s %s left", r.loss(),
                    r.learningRate(), r.tokensPerSecond(), duration(r.secondsLeft())));
        }
    }

    @Override
    public void onEvaluate(long step, Map<String, Double> metrics) {
        line("step " + step + " eval " + metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(" ")));
    }

    @Override
    public void onCheckpoint(long step, Path dir) {
        if (!quiet) {
            line("checkpoint " + dir);
        }
    }

    @Override
    public void onMessage(String message) {
        line(message);
    }

    private void line(String s) {
        if (bar != null) {
            err.print("\r\033[K");
        }
        err.println(s);
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
