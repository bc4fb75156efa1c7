package dev.bert4j.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.executor.TaskMetrics;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line of {@code spark-embed}, from Spark's listener bus on the driver: tasks finished of those
 * submitted, rows written (each finished task's output records), and the rate since the first stage began. On a
 * terminal the line is redrawn in place; otherwise a line is printed at most every {@code everyMillis}.
 */
final class SparkProgress extends SparkListener {
    private final PrintStream err;
    private final boolean terminal;
    private final long everyMillis;
    private final AtomicInteger tasksSubmitted = new AtomicInteger();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private long lastPrint;

    SparkProgress(PrintStream err, boolean terminal, long everyMillis) {
        this.err = err;
        this.terminal = terminal;
        this.everyMillis = everyMillis;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        started.compareAndSet(0, System.nanoTime());
        tasksSubmitted.addAndGet(submitted.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (end.taskInfo().successful()) {
            tasksDone.incrementAndGet();
            if (m != null) {
                rowsWritten.addAndGet(m.outputMetrics().recordsWritten());
            }
        }
        print(false);
    }

    /** Rows written by finished tasks so far. */
    long rowsWritten() {
        return rowsWritten.get();
    }

    synchronized void print(boolean last) {
        long now = System.currentTimeMillis();
        if (!last && !terminal && now - lastPrint < everyMillis) {
            return;
        }
        lastPrint = now;
        String line = line();
        if (terminal) {
            err.print("\r" + line + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    String line() {
        double seconds = started.get() == 0 ? 0 : (System.nanoTime() - started.get()) / 1e9;
        long rows = rowsWritten.get();
        return String.format(Locale.ROOT, "spark-embed: %d/%d tasks, %,d rows written, %.1f s, %,.0f rows/s",
                tasksDone.get(), tasksSubmitted.get(), rows, seconds, seconds > 0 ? rows / seconds : 0.0);
    }
}
