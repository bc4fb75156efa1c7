package dev.bert4j.server;

import dev.bert4j.nn.ComputeContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place the model runs. Request threads submit jobs (a request's inputs for one operation); a single
 * worker thread owns the compute context and takes the oldest job, adds every queued job of the same
 * operation while the tokens fit {@code maxBatchTokens}, runs them as one call of that operation (which packs
 * them without padding) and hands each job its own slice of the results. A merged call that fails (one job's
 * input the operation refuses) is rerun job by job, so one client's bad input never fails another's request.
 */
final class InferenceQueue implements AutoCloseable {

    /**
     * A batchable operation. Jobs merge when their operations are equal, so an operation is a record of the
     * pipeline and the options that must match (e.g. {@code top_k}).
     */
    interface Operation<I, R> {
        List<R> run(ComputeContext ctx, List<I> inputs);
    }

    private record Job<I, R>(Operation<I, R> op, List<I> inputs, int tokens, CompletableFuture<List<R>> result) {
    }

    private final ComputeContext ctx;
    private final int maxBatchTokens;
    private final ServerMetrics metrics;
    private final ArrayDeque<Job<?, ?>> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Thread worker;
    private int queuedInputs;
    private boolean closing;

    InferenceQueue(ComputeContext ctx, int maxBatchTokens, ServerMetrics metrics) {
        this.ctx = ctx;
        this.maxBatchTokens = maxBatchTokens;
        this.metrics = metrics;
        this.worker = Thread.ofPlatform().name("bert4j-inference").daemon(true).unstarted(this::work);
        worker.start();
    }

    /** Queues {@code inputs} for {@code op}; the future completes with one result per input, in order. */
    <I, R> CompletableFuture<List<R>> submit(Operation<I, R> op, List<I> inputs, int tokens) {
        CompletableFuture<List<R>> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (closing) {
                throw ApiException.unavailable("the server is shutting down");
            }
            queue.addLast(new Job<>(op, List.copyOf(inputs), tokens, result));
            queuedInputs += inputs.size();
            metrics.queueSize(queuedInputs);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return result;
    }

    private void work() {
        while (true) {
            List<Job<?, ?>> batch = next();
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** The oldest job and the queued jobs of the same operation that fit the token budget; null when closed. */
    private List<Job<?, ?>> next() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                notEmpty.awaitUninterruptibly();
            }
            Job<?, ?> first = queue.pollFirst();
            List<Job<?, ?>> batch = new ArrayList<>();
            batch.add(first);
            long tokens = first.tokens();
            for (Iterator<Job<?, ?>> it = queue.iterator(); it.hasNext(); ) {
                Job<?, ?> j = it.next();
                if (j.op().equals(first.op()) && tokens + j.tokens() <= maxBatchTokens) {
                    tokens += j.tokens();
                    batch.add(j);
                    it.remove();
                }
            }
            for (Job<?, ?> j : batch) {
                queuedInputs -= j.inputs().size();
            }
            metrics.queueSize(queuedInputs);
            metrics.batch(batch.stream().mapToInt(j -> j.inputs().size()).sum(), tokens);
            return batch;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void run(List<Job<?, ?>> batch) {
        long start = System.nanoTime();
        if (batch.size() == 1) {
            runAlone((Job) batch.getFirst());
        } else {
            List<Object> inputs = new ArrayList<>();
            batch.forEach(j -> inputs.addAll(j.inputs()));
            try {
                List<Object> results = ((Operation) batch.getFirst().op()).run(ctx, inputs);
                int from = 0;
                for (Job j : batch) {
                    int n = j.inputs().size();
                    j.result().complete(List.copyOf(results.subList(from, from + n)));
                    from += n;
                }
            } catch (RuntimeException | Error e) {
                batch.forEach(j -> runAlone((Job) j));           // isolate the job whose input failed
            }
        }
        metrics.inference(System.nanoTime() - start);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runAlone(Job job) {
        try {
            job.result().complete(job.op().run(ctx, job.inputs()));
        } catch (RuntimeException | Error e) {
            job.result().completeExceptionally(e);
        }
    }

    /** Inputs waiting for the model. */
    int queued() {
        lock.lock();
        try {
            return queuedInputs;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new jobs, finishes the queued ones, then stops the worker and the compute context. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.close();
    }
}
