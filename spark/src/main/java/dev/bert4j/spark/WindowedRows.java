package dev.bert4j.spark;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.PipelineInputException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One partition's rows with the stage's output column appended, computed a window at a time: read up to
 * {@code rowsPerWindow} rows (and at most {@link #MAX_WINDOW_CHARS} characters of input, a longer row being a
 * window of its own), run the rows that have input through the model in one call (which sorts them by length
 * and packs them into batches of the planner's token budget), hand the window's rows out in their order, then
 * read the next window. Memory stays bounded for a partition of any size, and nothing is buffered past a window.
 */
final class WindowedRows implements Iterator<Row> {
    /** The input characters a window may hold, as for the command line's JSON Lines windows. */
    static final long MAX_WINDOW_CHARS = 8L << 20;

    private final Iterator<Row> source;
    private final RowTask task;
    private final int rowsPerWindow;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private RowTask.Batch batch;
    private ComputeContext ctx;
    private long rowsRead;

    WindowedRows(Iterator<Row> source, RowTask task, int rowsPerWindow) {
        this.source = source;
        this.task = task;
        this.rowsPerWindow = rowsPerWindow;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && source.hasNext()) {
            runWindow(readWindow());
        }
        if (ready.isEmpty()) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private List<Row> readWindow() {
        List<Row> window = new ArrayList<>();
        long chars = 0;
        while (source.hasNext() && window.size() < rowsPerWindow) {
            Row row = source.next();
            window.add(row);
            chars += task.hasInput(row) ? task.inputChars(row) : 0;
            if (chars >= MAX_WINDOW_CHARS) {
                break;
            }
        }
        return window;
    }

    private void runWindow(List<Row> window) {
        List<Row> withInput = new ArrayList<>();
        for (Row row : window) {
            if (task.hasInput(row)) {
                withInput.add(row);
            }
        }
        List<Object> outputs = withInput.isEmpty() ? List.of() : run(withInput, window.size());
        int k = 0;
        for (Row row : window) {
            ready.add(append(row, task.hasInput(row) ? outputs.get(k++) : null));
        }
        rowsRead += window.size();
    }

    private List<Object> run(List<Row> rows, int windowSize) {
        if (batch == null) {
            batch = task.open();
            ctx = ComputeContext.inference(threads());
            TaskContext tc = TaskContext.get();
            if (tc != null) {
                tc.addTaskCompletionListener((TaskCompletionListener) done -> close());   // also when the task fails or stops early
            }
        }
        try {
            return batch.run(ctx, rows);
        } catch (PipelineInputException e) {
            throw new PipelineInputException("rows " + (rowsRead + 1) + " to " + (rowsRead + windowSize)
                    + " of partition " + partition() + ": " + e.getMessage());
        }
    }

    private static Row append(Row row, Object value) {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        values[row.length()] = value;
        return RowFactory.create(values);
    }

    /** The task's cores ({@code spark.task.cpus}), or all of them outside a Spark task. */
    private static int threads() {
        TaskContext tc = TaskContext.get();
        return tc != null ? Math.max(1, tc.cpus()) : Runtime.getRuntime().availableProcessors();
    }

    private static String partition() {
        TaskContext tc = TaskContext.get();
        return tc == null ? "?" : String.valueOf(tc.partitionId());
    }

    private synchronized void close() {
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
    }
}
