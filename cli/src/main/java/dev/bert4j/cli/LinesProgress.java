package dev.bert4j.cli;

import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bar on standard error counting the JSON Lines answered so far, with their rate (the total is unknown while
 * standard input streams). Shown from the start when asked for ({@code --progress}); when standard error is a
 * terminal, only once the run has lasted {@link #TERMINAL_DELAY}, so that short runs print nothing; never with
 * {@code -q}.
 */
final class LinesProgress implements AutoCloseable {
    static final Duration TERMINAL_DELAY = Duration.ofSeconds(1);
    private final PrintWriter err;
    private final String task;
    private final ScheduledExecutorService timer;
    private ProgressBar bar;
    private long lines;
    private boolean closed;

    private LinesProgress(PrintWriter err, String task, Duration delay) {
        this.err = err;
        this.task = task;
        if (delay == null) {
            closed = true;
            timer = null;
        } else if (delay.isZero()) {
            timer = null;
            show();
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bert4j-progress").factory());
            timer.schedule(this::show, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The bar for one run: {@code asked} is {@code --progress}, {@code quiet} is {@code -q}, {@code errIsTerminal}
     * whether standard error is a terminal.
     */
    static LinesProgress of(PrintWriter err, String task, boolean quiet, boolean asked, boolean errIsTerminal) {
        Duration delay = quiet ? null : asked ? Duration.ZERO : errIsTerminal ? TERMINAL_DELAY : null;
        return new LinesProgress(err, task, delay);
    }

    /** Counts {@code n} more lines answered (error lines included). */
    synchronized void answered(int n) {
        lines += n;
        if (bar != null) {
            bar.stepTo(lines);
        }
    }

    private synchronized void show() {
        if (closed || bar != null) {
            return;
        }
        bar = Progress.builder(err, task).setInitialMax(-1).setUnit(" lines", 1)
                .hideEta().showSpeed().setSpeedUnit(ChronoUnit.SECONDS).build();
        bar.stepTo(lines);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
            bar = null;
        }
    }
}
