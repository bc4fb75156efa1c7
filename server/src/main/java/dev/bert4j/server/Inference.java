package dev.bert4j.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A request's way to the model: hold one slot per input, queue the inputs, wait for the answer. A pipeline's
 * refusal of an input (its {@code IllegalArgumentException}) becomes a 422; anything else is a 500.
 */
final class Inference {
    private final InferenceQueue queue;
    private final Slots slots;

    Inference(InferenceQueue queue, Slots slots) {
        this.queue = queue;
        this.slots = slots;
    }

    /** Holds the slots of a request whose inputs are counted before they are encoded. */
    Slots.Held hold(int inputs) {
        return slots.hold(inputs);
    }

    /** Runs {@code op} on {@code inputs} (whose slots the caller holds), {@code tokens} in all. */
    <I, R> List<R> run(InferenceQueue.Operation<I, R> op, List<I> inputs, int tokens) {
        CompletableFuture<List<R>> future = queue.submit(op, inputs, tokens);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for the model");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    static RuntimeException translate(Throwable t) {
        return switch (t) {
            case ApiException a -> a;
            case IllegalArgumentException iae -> ApiException.validation(iae.getMessage());
            default -> ApiException.backend("the model failed: " + t);
        };
    }

    int queued() {
        return queue.queued();
    }
}
