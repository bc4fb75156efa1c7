package dev.bert4j.server;

/**
 * How the server listens and how much it takes on: the options of {@code bert4j serve}, with the defaults of
 * Hugging Face's text-embeddings-inference (TEI) where TEI has the same option, except {@code --auto-truncate},
 * on by default as in bert4j's other embedding commands (TEI's is off), and the port (TEI: 3000).
 *
 * @param host                  the only address the server binds to
 * @param port                  0 picks a free port ({@link Bert4jServer#port()} says which)
 * @param maxConcurrentRequests inputs in flight at once (each input of a request holds one slot from arrival to
 *                              answer); a request that finds too few free slots is answered 429 at once
 * @param maxBatchTokens        tokens per model call when requests arriving together are batched
 * @param maxClientBatchSize    inputs one request may carry
 * @param payloadLimit          bytes of a request body; larger ones get 413 without being read
 * @param autoTruncate          whether inputs longer than the model's limit are cut when a request does not say
 * @param threads               compute threads of the model
 * @param modelId               the name {@code /info} and {@code /v1/embeddings} report
 */
public record ServerOptions(String host, int port, int maxConcurrentRequests, int maxBatchTokens,
                            int maxClientBatchSize, int payloadLimit, boolean autoTruncate, int threads,
                            String modelId) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 512;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 16384;
    public static final int DEFAULT_MAX_CLIENT_BATCH_SIZE = 32;
    public static final int DEFAULT_PAYLOAD_LIMIT = 2_000_000;
    public static final boolean DEFAULT_AUTO_TRUNCATE = true;

    public ServerOptions {
        require(port >= 0 && port <= 65535, "--port must be 0 to 65535, got " + port);
        require(maxConcurrentRequests >= 1, "--max-concurrent-requests must be at least 1, got " + maxConcurrentRequests);
        require(maxBatchTokens >= 1, "--max-batch-tokens must be at least 1, got " + maxBatchTokens);
        require(maxClientBatchSize >= 1, "--max-client-batch-size must be at least 1, got " + maxClientBatchSize);
        require(payloadLimit >= 1, "--payload-limit must be at least 1 byte, got " + payloadLimit);
        require(threads >= 1, "threads must be at least 1, got " + threads);
        require(host != null && !host.isBlank(), "--host must name an address");
        require(modelId != null && !modelId.isBlank(), "the model id must not be blank");
    }

    /** The defaults, on {@code port}, for a model called {@code modelId}. */
    public static ServerOptions defaults(int port, String modelId) {
        return new ServerOptions(DEFAULT_HOST, port, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_BATCH_TOKENS,
                DEFAULT_MAX_CLIENT_BATCH_SIZE, DEFAULT_PAYLOAD_LIMIT, DEFAULT_AUTO_TRUNCATE,
                Runtime.getRuntime().availableProcessors(), modelId);
    }

    public ServerOptions withMaxConcurrentRequests(int n) {
        return new ServerOptions(host, port, n, maxBatchTokens, maxClientBatchSize, payloadLimit, autoTruncate,
                threads, modelId);
    }

    public ServerOptions withAutoTruncate(boolean on) {
        return new ServerOptions(host, port, maxConcurrentRequests, maxBatchTokens, maxClientBatchSize, payloadLimit,
                on, threads, modelId);
    }

    public ServerOptions withThreads(int n) {
        return new ServerOptions(host, port, maxConcurrentRequests, maxBatchTokens, maxClientBatchSize, payloadLimit,
                autoTruncate, n, modelId);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
