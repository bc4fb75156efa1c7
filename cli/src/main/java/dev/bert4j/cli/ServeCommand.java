package dev.bert4j.cli;

import dev.bert4j.server.Bert4jServer;
import dev.bert4j.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code bert4j serve}: the inference server, with text-embeddings-inference's options and defaults (except
 * {@code --auto-truncate}, on by default here as in the rest of bert4j's embedding commands).
 */
@Command(name = "serve",
        description = {"Serve a model over HTTP: text-embeddings-inference routes (/embed, /embed_all, /similarity,"
                + " /predict, /rerank, /tokenize, /decode, /info, /health, /metrics), OpenAI's /v1/embeddings, and"
                + " /fill-mask, /classify, /ner, /qa, /nsp, /feature-extraction, /attention.",
            "Prints one line when ready; stops gracefully on SIGTERM or Ctrl-C, finishing accepted requests."})
final class ServeCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "The only address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = {"--max-concurrent-requests", "--max_concurrent_requests"}, paramLabel = "N",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_CONCURRENT_REQUESTS,
            description = "Inputs in flight at once; beyond that, requests get 429 at once (default ${DEFAULT-VALUE}).")
    int maxConcurrentRequests;

    @Option(names = {"--max-batch-tokens", "--max_batch_tokens"}, paramLabel = "N",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_BATCH_TOKENS,
            description = "Tokens per model call when requests are batched (default ${DEFAULT-VALUE}).")
    int maxBatchTokens;

    @Option(names = {"--max-client-batch-size", "--max_client_batch_size"}, paramLabel = "N",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_CLIENT_BATCH_SIZE,
            description = "Inputs one request may carry (default ${DEFAULT-VALUE}).")
    int maxClientBatchSize;

    @Option(names = {"--payload-limit", "--payload_limit"}, paramLabel = "BYTES",
            defaultValue = "" + ServerOptions.DEFAULT_PAYLOAD_LIMIT,
            description = "Largest request body (default ${DEFAULT-VALUE}); larger ones get 413.")
    int payloadLimit;

    @Option(names = {"--auto-truncate", "--auto_truncate"}, paramLabel = "true|false", arity = "1",
            defaultValue = "" + ServerOptions.DEFAULT_AUTO_TRUNCATE,
            description = "Cut inputs longer than the model's limit when a request does not say (default"
                    + " ${DEFAULT-VALUE}).")
    boolean autoTruncate;

    @Option(names = "--model-id", paramLabel = "NAME",
            description = "The name /info and /v1/embeddings report (default: the --model given, or the embedded"
                    + " default's name).")
    String modelId;

    @Override
    public Integer call() throws InterruptedException {
        String id = modelId != null ? modelId : model.model != null ? model.model : "sentence-transformers/all-MiniLM-L6-v2";
        ServerOptions options = new ServerOptions(host, port, maxConcurrentRequests, maxBatchTokens, maxClientBatchSize,
                payloadLimit, autoTruncate, ThreadCount.resolve(model.threads), id);
        Bert4jServer server = Bert4jServer.start(model.directory(), options);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bert4j-serve-stop").unstarted(server::close));
        model.out().println("bert4j serve: ready on http://" + hostForUrl(host) + ":" + server.port() + " (model " + id
                + ", " + options.threads() + " threads)");
        model.out().flush();
        server.join();
        return 0;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
