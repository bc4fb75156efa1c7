package dev.bert4j.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a task and rethrows its own exception, so input errors keep their message and type. */
public final class Futures {
    private Futures() {
    }

    /** The task's result; its unchecked exception or error as thrown, anything else wrapped. */
    public static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
