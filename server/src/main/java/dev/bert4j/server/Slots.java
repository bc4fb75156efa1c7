package dev.bert4j.server;

import java.util.concurrent.Semaphore;

/**
 * The {@code --max-concurrent-requests} slots: each input of a request holds one from the moment its request
 * is parsed until the answer is written. A request that finds fewer free slots than it has inputs is refused
 * at once (429), so the queue in front of the model never grows beyond the slots.
 */
final class Slots {
    private final Semaphore free;
    private final int total;
    private final ServerMetrics metrics;

    Slots(int total, ServerMetrics metrics) {
        this.free = new Semaphore(total);
        this.total = total;
        this.metrics = metrics;
    }

    /** Takes {@code n} slots or throws 429; close the result to give them back. */
    Held hold(int n) {
        if (!free.tryAcquire(n)) {
            throw ApiException.overloaded();
        }
        metrics.slots(total - free.availablePermits());
        return new Held(n);
    }

    final class Held implements AutoCloseable {
        private int n;

        private Held(int n) {
            this.n = n;
        }

        @Override
        public void close() {
            free.release(n);
            n = 0;
            metrics.slots(total - free.availablePermits());
        }
    }
}
