package dev.bert4j.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.SparkContext;
import org.apache.spark.ExceptionFailure;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step that makes one partition's first attempt fail part-way, as a lost executor or a bad disk would, and a
 * listener on the driver that counts the failed task attempts Spark then retried.
 */
final class FailOnce {
    private FailOnce() {
    }

    /** {@code in} unchanged, except that attempt 0 of {@code partition} throws after handing out {@code afterRows}. */
    static Dataset<Row> inPartition(Dataset<Row> in, int partition, int afterRows) {
        MapPartitionsFunction<Row, Row> f = rows -> {
            TaskContext tc = TaskContext.get();
            boolean fail = tc.partitionId() == partition && tc.attemptNumber() == 0;
            return fail ? failingAfter(rows, afterRows) : rows;
        };
        return in.mapPartitions(f, Encoders.row(in.schema()));
    }

    private static Iterator<Row> failingAfter(Iterator<Row> rows, int afterRows) {
        return new Iterator<>() {
            int handed;

            @Override
            public boolean hasNext() {
                if (handed == afterRows) {
                    throw new IllegalStateException("injected failure after " + afterRows + " rows (first attempt)");
                }
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                handed++;
                return rows.next();
            }
        };
    }

    /** Counts task attempts that ended with an exception. */
    static final class Failures extends SparkListener {
        private final AtomicInteger count = new AtomicInteger();

        static Failures register(SparkContext sc) {
            Failures f = new Failures();
            sc.addSparkListener(f);
            return f;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure) {
                count.incrementAndGet();
            }
        }

        /** The count once the listener bus has caught up (events arrive after the job returns). */
        int await(int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (count.get() < atLeast && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            return count.get();
        }

        void remove(SparkContext sc) {
            sc.removeSparkListener(this);
        }
    }
}
