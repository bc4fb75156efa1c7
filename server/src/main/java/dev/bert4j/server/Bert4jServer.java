package dev.bert4j.server;

import dev.bert4j.nn.ComputeContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * bert4j's inference server: the routes of text-embeddings-inference, OpenAI's embeddings API and bert4j's own
 * task routes for one model, on Jetty. Requests run on virtual threads; the model runs on one inference thread
 * that batches requests arriving together ({@link InferenceQueue}). {@link #close()} stops accepting, lets the
 * accepted requests finish (up to the grace period), then stops the model.
 */
public final class Bert4jServer implements AutoCloseable {
    /** How long {@link #close()} waits for accepted requests. */
    public static final Duration GRACE = Duration.ofSeconds(30);
    /** Request threads beyond the slots: for refusals (429) and the GET routes while every slot is held. */
    private static final int EXTRA_THREADS = 256;

    private final Server jetty;
    private final ServerConnector connector;
    private final InferenceQueue queue;
    private final ServerOptions options;
    private final List<Route> routes;

    private Bert4jServer(Server jetty, ServerConnector connector, InferenceQueue queue, ServerOptions options,
                         List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.jetty = jetty;
        this.connector = connector;
        this.queue = queue;
        this.options = options;
    }

    /** Loads the model directory and starts serving it; returns once the port is bound and answering. */
    public static Bert4jServer start(Path modelDir, ServerOptions options) {
        ServedModel model = ServedModel.load(modelDir, options.maxBatchTokens());
        ServerMetrics metrics = new ServerMetrics();
        InferenceQueue queue = new InferenceQueue(ComputeContext.inference(options.threads()),
                options.maxBatchTokens(), metrics);
        Inference inference = new Inference(queue, new Slots(options.maxConcurrentRequests(), metrics));
        TeiRoutes.Server s = new TeiRoutes.Server(model, options, inference,
                new InputEncoder(model.tokenizer(), model.maxInputLength(), metrics), metrics, version());
        TeiRoutes tei = new TeiRoutes(s);
        List<Route> routes = new ArrayList<>(tei.routes());
        routes.addAll(new OpenAiRoutes(tei, s).routes());
        routes.addAll(new TaskRoutes(tei, s).routes());
        routes.add(rootRoute(routes, model));
        byte[] openApi = resource("openapi.json");
        routes.add(new Route("GET", "/openapi.json", Route.Family.TEI, b -> new Route.Raw(openApi, "application/json")));

        // Jetty's own default of 200 request threads would queue requests before they reach the slots; every
        // slot gets a thread, plus room to refuse the overflow, answer /health and /metrics at once.
        Server jetty = new Server(new VirtualThreadPool(options.maxConcurrentRequests() + EXTRA_THREADS));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(new ApiHandler(routes, options.payloadLimit(), metrics)));
        jetty.setStopTimeout(GRACE.toMillis());
        try {
            jetty.start();
        } catch (Exception e) {
            queue.close();
            throw new ServerStartException("could not listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        return new Bert4jServer(jetty, connector, queue, options, routes);
    }

    /** {@code POST /}: what TEI's root route does for this model (embed, predict or rerank). */
    private static Route rootRoute(List<Route> routes, ServedModel model) {
        String target = model.isReranker() ? "/rerank" : model.classification() != null ? "/predict" : "/embed";
        Route r = routes.stream().filter(x -> x.path().equals(target)).findFirst().orElseThrow();
        return new Route("POST", "/", Route.Family.TEI, r.handler());
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public ServerOptions options() {
        return options;
    }

    /** Every route served (the OpenAPI document must describe each). */
    List<Route> routes() {
        return routes;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops accepting requests, finishes the accepted ones (up to {@link #GRACE}), then stops the model. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            queue.close();
        }
    }

    static String version() {
        String v = Bert4jServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    private static byte[] resource(String name) {
        try (InputStream in = Bert4jServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
