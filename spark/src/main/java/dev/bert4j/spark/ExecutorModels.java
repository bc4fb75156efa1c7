package dev.bert4j.spark;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The models of one executor JVM, loaded once and shared by every task that runs there.
 *
 * <p>This is the one static, mutable cache in bert4j, and deliberately so: Spark ships a task's closure to an
 * executor, not objects the driver holds, and a task's lifetime is one partition. The only place an executor
 * keeps something from one task to the next is its JVM, so a model that must not be loaded once per partition
 * (let alone per row) lives here, keyed by what is loaded ({@link Key}: the task kind and the model spec as the
 * user wrote it). A loaded model is immutable and thread-safe, so the concurrent tasks of one executor share it.
 *
 * <p>Guarded: the first task to ask for a key loads it while the others asking for the same key wait; other
 * keys are not blocked. A load that fails is not cached, so Spark's retry of the task tries again. Every load
 * is counted ({@link #loads(Key)}), so tests can check that an executor loaded a model exactly once.
 */
public final class ExecutorModels {
    private static final Map<Key, Slot> SLOTS = new ConcurrentHashMap<>();
    private static final Map<Key, AtomicInteger> LOADS = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** What is loaded: a task kind ({@code "embeddings"}, {@code "classifier"}, ...) and the model spec. */
    public record Key(String kind, String modelSpec) implements java.io.Serializable {
        public Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(modelSpec, "modelSpec");
        }
    }

    /** The model for {@code key}, loaded by {@code loader} in this JVM the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public static <T> T get(Key key, Supplier<T> loader) {
        Slot slot = SLOTS.computeIfAbsent(key, k -> new Slot());
        try {
            return (T) slot.get(() -> {
                LOADS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return loader.get();
            });
        } catch (RuntimeException | Error e) {
            SLOTS.remove(key, slot);           // not cached: the retried task loads again
            throw e;
        }
    }

    /** How many times this JVM has loaded {@code key} (0 when never). */
    public static int loads(Key key) {
        AtomicInteger n = LOADS.get(key);
        return n == null ? 0 : n.get();
    }

    /** One key's value, loaded at most once; waiters block on the slot, not on the whole map. */
    private static final class Slot {
        private Object value;

        synchronized Object get(Supplier<?> loader) {
            if (value == null) {
                value = Objects.requireNonNull(loader.get(), "loader returned null");
            }
            return value;
        }
    }
}
