package dev.bert4j.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's Prometheus metrics, with text-embeddings-inference's names ({@code te_...}): requests by route,
 * successes, failures by kind, request latency, input lengths, queue size, and the inputs and tokens of each
 * model call; bert4j's own ({@code bert4j_...}) add the duration of each model call and the slots in use. The
 * Prometheus client writes counters with the {@code _total} suffix ({@code te_request_count_total}), which TEI's
 * exporter does not, and labels {@code method} with the route. One registry per server, no global state.
 */
final class ServerMetrics {
    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    private static final double[] TOKENS = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("te_request_count")
            .help("Requests received, by route").labelNames("method").register(registry);
    private final Counter successes = Counter.builder().name("te_request_success")
            .help("Requests answered with 2xx, by route").labelNames("method").register(registry);
    private final Counter failures = Counter.builder().name("te_request_failure")
            .help("Requests answered with an error, by error type").labelNames("err").register(registry);
    private final Histogram duration = Histogram.builder().name("te_request_duration")
            .help("Seconds from request to answer").unit(null).classicUpperBounds(SECONDS).classicOnly()
            .register(registry);
    private final Histogram inputLength = Histogram.builder().name("te_request_input_length")
            .help("Tokens per input").classicUpperBounds(TOKENS).classicOnly().register(registry);
    private final Gauge queueSize = Gauge.builder().name("te_queue_size")
            .help("Inputs waiting for the model").register(registry);
    private final Histogram batchSize = Histogram.builder().name("te_batch_next_size")
            .help("Inputs per model call").classicUpperBounds(SIZES).classicOnly().register(registry);
    private final Histogram batchTokens = Histogram.builder().name("te_batch_next_tokens")
            .help("Tokens per model call").classicUpperBounds(TOKENS).classicOnly().register(registry);
    private final Histogram inference = Histogram.builder().name("bert4j_batch_inference_duration")
            .help("Seconds per model call").classicUpperBounds(SECONDS).classicOnly().register(registry);
    private final Gauge slotsInUse = Gauge.builder().name("bert4j_slots_in_use")
            .help("Slots of --max-concurrent-requests held by inputs in flight").register(registry);

    void request(String route) {
        requests.labelValues(route).inc();
    }

    void success(String route, long nanos) {
        successes.labelValues(route).inc();
        duration.observe(nanos / 1e9);
    }

    void failure(String errorType) {
        failures.labelValues(errorType.toLowerCase(java.util.Locale.ROOT)).inc();
    }

    void inputLength(int tokens) {
        inputLength.observe(tokens);
    }

    void queueSize(int inputs) {
        queueSize.set(inputs);
    }

    void slots(int inUse) {
        slotsInUse.set(inUse);
    }

    void batch(int inputs, long tokens) {
        batchSize.observe(inputs);
        batchTokens.observe(tokens);
    }

    void inference(long nanos) {
        inference.observe(nanos / 1e9);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
