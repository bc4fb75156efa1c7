package dev.bert4j.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bert4j.pipeline.PipelineInputException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dispatches requests to the routes. Checks, in order, that the route exists, that the method is right, that a
 * body is declared JSON and not larger than the payload limit (413 from {@code Content-Length} alone, before
 * reading), reads and parses it, runs the route, and writes the answer or the error in the route family's
 * shape. Blocking: Jetty runs each request on a virtual thread, which waits for the model.
 */
final class ApiHandler extends Handler.Abstract {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)      // `{"inputs": "a"} }` is not JSON
            .build();
    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private final Map<String, List<Route>> routes = new LinkedHashMap<>();
    private final int payloadLimit;
    private final ServerMetrics metrics;

    ApiHandler(List<Route> all, int payloadLimit, ServerMetrics metrics) {
        for (Route r : all) {
            routes.computeIfAbsent(r.path(), p -> new java.util.ArrayList<>()).add(r);
        }
        this.payloadLimit = payloadLimit;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        Route route = null;
        boolean bodyRead = false;
        try {
            route = find(request.getMethod(), path);
            metrics.request(route.path());
            Body body = null;
            if (!route.method().equals("GET")) {
                byte[] bytes = readBody(request);
                bodyRead = true;
                body = new Body(parse(bytes));
            }
            Object answer = route.handler().handle(body);
            write(response, callback, 200, answer);
            metrics.success(route.path(), System.nanoTime() - start);
        } catch (ApiException e) {
            closeIfUnread(request, response, bodyRead);
            fail(response, callback, route, path, e);
        } catch (PipelineInputException e) {                    // an option value the pipeline refuses (top_k 0)
            fail(response, callback, route, path, ApiException.validation(e.getMessage()));
        } catch (RuntimeException e) {
            closeIfUnread(request, response, bodyRead);
            fail(response, callback, route, path, ApiException.backend("internal error: " + e));
        }
        return true;
    }

    /**
     * An error answered before the body was read (404, 405, 413, 415) leaves the body on the connection, which
     * Jetty then closes; saying so in the answer keeps the client from sending its next request on it.
     */
    private static void closeIfUnread(Request request, Response response, boolean bodyRead) {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (!bodyRead && hasBody) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    private Route find(String method, String path) {
        List<Route> candidates = routes.get(path);
        if (candidates == null) {
            throw ApiException.notFound(path);
        }
        for (Route r : candidates) {
            if (r.method().equals(method)) {
                return r;
            }
        }
        throw ApiException.methodNotAllowed(method, path, candidates.stream().map(Route::method).toList().toString());
    }

    /** The body's bytes: declared as JSON, within the payload limit, not empty. */
    private byte[] readBody(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? null : MimeTypes.getBase(type);
        if (mime == null || !(mime.equalsIgnoreCase("application/json") || mime.toLowerCase(java.util.Locale.ROOT)
                .matches("application/[a-z0-9.+-]*\\+json"))) {
            throw ApiException.unsupportedMediaType(type);
        }
        long declared = request.getLength();
        if (declared > payloadLimit) {
            throw ApiException.payloadTooLarge(declared, payloadLimit);
        }
        byte[] bytes = readUpTo(Content.Source.asInputStream(request), payloadLimit);
        if (bytes.length == 0) {
            throw ApiException.badRequest("the body is empty; send a JSON object");
        }
        return bytes;
    }

    /** The body as JSON: well-formed UTF-8 JSON, one value with nothing after it. */
    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private static byte[] readUpTo(InputStream in, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw ApiException.payloadTooLarge(-1, limit);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private void fail(Response response, Callback callback, Route route, String path, ApiException e) {
        metrics.failure(e.errorType());
        List<Route> atPath = routes.get(path);                   // a 405 has no route, but its path has a family
        boolean openAi = route != null ? route.family() == Route.Family.OPENAI
                : atPath != null ? atPath.getFirst().family() == Route.Family.OPENAI : path.startsWith("/v1/");
        if (e.status() == 405 && atPath != null) {               // RFC 9110 §15.5.6: a 405 lists the allowed methods
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", atPath.stream().map(Route::method).toList()));
        }
        Object body = openAi ? Map.of("error", openAiError(e)) : new TeiError(e.getMessage(), e.errorType());
        write(response, callback, e.status(), body);
    }

    private static Map<String, Object> openAiError(ApiException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", e.getMessage());
        m.put("type", switch (e.status()) {
            case 429 -> "rate_limit_exceeded";
            case 500, 503 -> "server_error";
            default -> "invalid_request_error";
        });
        m.put("param", e.param());
        m.put("code", e.status() == 429 ? "overloaded" : null);
        return m;
    }

    /** TEI's error body. */
    record TeiError(String error, String errorType) {
    }

    private static void write(Response response, Callback callback, int status, Object answer) {
        byte[] bytes;
        String type;
        if (answer instanceof Route.Raw raw) {
            bytes = raw.bytes();
            type = raw.contentType();
        } else {
            try {
                bytes = JSON.writeValueAsBytes(answer);
            } catch (IOException e) {
                throw new IllegalStateException("could not write the answer as JSON", e);
            }
            type = "application/json";
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Objects.requireNonNull(type));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
