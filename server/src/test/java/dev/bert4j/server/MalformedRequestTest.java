package dev.bert4j.server;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Requests that never reach a route's own logic, on every POST route: bodies that are not JSON, not UTF-8,
 * not declared as JSON, larger than the payload limit; unknown routes and wrong methods. Each is answered
 * with JSON in the shape of the route's family, and after each test the server still embeds correctly.
 */
class MalformedRequestTest {
    static final List<String> POST_ROUTES = List.of("/embed", "/embed_all", "/similarity", "/predict", "/rerank",
            "/tokenize", "/decode", "/", "/v1/embeddings", "/embeddings", "/fill-mask", "/classify", "/ner", "/qa",
            "/nsp", "/feature-extraction", "/attention");

    static Bert4jServer server;
    static Http http;
    static final String STANDING = "still standing after a bad request";
    static float[] standing;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, "minilm").withThreads(1));
        http = new Http(server.port());
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            standing = new SentenceEmbeddingPipeline(LoadedModel.load(ServerFixtures.embedder())).withNormalize(true)
                    .embed(ctx, STANDING).vector();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> postRoutes() {
        return POST_ROUTES;
    }

    @AfterEach
    void theServerStillEmbedsCorrectly() {
        Http.Reply r = http.postJson("/embed", Map.of("inputs", STANDING));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(Http.floats(r.json().get(0))).containsExactly(standing, within(1e-6f));
    }

    @ParameterizedTest
    @MethodSource("postRoutes")
    void bodiesThatAreNotJsonAre400(String path) {
        for (String body : List.of("{\"inputs\": \"a\"", "{inputs: a}", "{\"inputs\": \"a\"} }", "{\"inputs\": \"a\",}",
                "", "{\"inputs\":" + "[".repeat(1000) + "]".repeat(1000) + "}")) {
            Http.Reply r = http.post(path, body);
            assertThat(r.status()).as("%s for %s", r, body.length() > 40 ? body.substring(0, 40) : body).isEqualTo(400);
            Errors.assertError(r, path, 400, "Validation");
        }
    }

    @ParameterizedTest
    @MethodSource("postRoutes")
    void jsonThatIsNotAnObjectIs422(String path) {
        for (String body : List.of("[]", "null", "\"hello\"", "42")) {
            Errors.assertError(http.post(path, body), path, 422, "Validation");
        }
    }

    @ParameterizedTest
    @MethodSource("postRoutes")
    void invalidUtf8Is400(String path) {
        byte[] head = "{\"inputs\": \"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\", \"text\": \"x\"}".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            byte[] body = concat(head, bad, tail);
            Errors.assertError(http.post(path, body, "application/json"), path, 400, "Validation");
        }
    }

    @ParameterizedTest
    @MethodSource("postRoutes")
    void bodiesNotDeclaredAsJsonAre415(String path) {
        byte[] body = "{\"inputs\": \"a\"}".getBytes(StandardCharsets.UTF_8);
        for (String type : Arrays.asList(null, "text/plain", "text/json", "application/x-www-form-urlencoded")) {
            Errors.assertError(http.post(path, body, type), path, 415, "Validation");
        }
    }

    @Test
    void jsonMediaTypesWithParametersOrSuffixesAreAccepted() {
        byte[] body = "{\"inputs\": \"a\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(http.post("/embed", body, "application/json; charset=utf-8").status()).isEqualTo(200);
        assertThat(http.post("/embed", body, "Application/JSON").status()).isEqualTo(200);
        assertThat(http.post("/embed", body, "application/vnd.api+json").status()).isEqualTo(200);
    }

    /**
     * A body declared as 20 MB is refused from its Content-Length: the answer comes although the body is never
     * sent (a server that waited for it would time the read out).
     */
    @ParameterizedTest
    @MethodSource("postRoutes")
    void aBodyDeclaredOverThePayloadLimitIs413BeforeItIsSent(String path) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n{\"inputs\": \"";
        Http.Reply r = exchange(head.getBytes(StandardCharsets.US_ASCII), null);
        String message = Errors.assertError(r, path, 413, "Validation");
        assertThat(message).contains("20000000", String.valueOf(ServerOptions.DEFAULT_PAYLOAD_LIMIT));
    }

    /** A real 20 MB body: the 413 arrives while the client is still sending, and the connection is closed. */
    @Test
    void aTwentyMegabyteBodyIsAnswered413WhileItIsStillBeingSent() throws Exception {
        byte[] body = new byte[20_000_000];
        Arrays.fill(body, (byte) 'a');
        byte[] open = "{\"inputs\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        for (String path : List.of("/embed", "/v1/embeddings")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                java.util.concurrent.CompletableFuture<Boolean> sent = new java.util.concurrent.CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        out.write(body);
                        out.flush();
                        sent.complete(true);
                    } catch (IOException e) {
                        sent.complete(false);                         // the server closed before taking it all
                    }
                });
                Http.Reply r = readResponse(socket.getInputStream());
                assertThat(sent.getNow(null)).as("the whole body was taken before the answer came")
                        .isNotEqualTo(Boolean.TRUE);                     // still sending, or cut off by the server
                Errors.assertError(r, path, 413, "Validation");
                assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
                socket.shutdownInput();
            }
        }
    }

    @Test
    void aChunkedBodyOverThePayloadLimitIs413() throws IOException {
        byte[] chunk = ("{\"inputs\": \"" + "a".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII);
        for (String path : List.of("/embed", "/v1/embeddings")) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {                                  // 3 MiB, more than the 2 MB limit
                body.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(chunk);
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            Errors.assertError(exchange(head.getBytes(StandardCharsets.US_ASCII), body.toByteArray()), path, 413,
                    "Validation");
        }
    }

    @ParameterizedTest
    @MethodSource("postRoutes")
    void aGetOnAPostRouteIs405NamingTheAllowedMethod(String path) {
        Http.Reply r = http.get(path);
        Errors.assertError(r, path, 405, "Validation");
        assertThat(r.header("Allow")).as("%s", r).isEqualTo("POST");
    }

    @Test
    void aPostOnAGetRouteIs405AndUnknownRoutesAre404() {
        for (String path : List.of("/info", "/health", "/metrics")) {
            Http.Reply r = http.post(path, "{}");
            Errors.assertTei(r, 405, "Validation");
            assertThat(r.header("Allow")).isEqualTo("GET");
        }
        Errors.assertTei(http.post("/embedd", "{\"inputs\": \"a\"}"), 404, "Validation");
        Errors.assertTei(http.get("/nope/deeper"), 404, "Validation");
        Errors.assertOpenAi(http.post("/v1/chat/completions", "{}"), 404);
    }

    /**
     * An error answered before the body is read leaves the body on the connection: the answer must then close
     * the connection (and say so), or the client's next request on it must still be answered; never a silent
     * close that breaks the client's next request.
     */
    @Test
    void anErrorBeforeTheBodyIsReadNeverBreaksTheConnectionsNextRequest() throws IOException {
        String body = "{\"inputs\": \"a\"}";
        for (String first : List.of("POST /embed HTTP/1.1\r\nContent-Type: text/plain\r\n",
                "POST /nope HTTP/1.1\r\nContent-Type: application/json\r\n",
                "PUT /embed HTTP/1.1\r\nContent-Type: application/json\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write((first + "Host: 127.0.0.1\r\nContent-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();                                   // the body follows later, as it may on a real network
                Http.Reply error = readResponse(socket.getInputStream());
                assertThat(error.status()).as("%s", error).isBetween(400, 499);
                if ("close".equalsIgnoreCase(error.header("Connection"))) {
                    assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
                } else {
                    out.write((body + "POST /embed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertThat(readResponse(socket.getInputStream()).status()).as("after %s", error).isEqualTo(200);
                }
            }
        }
    }

    /**
     * curl sends {@code Expect: 100-continue} with bodies over 1 kB: an acceptable request gets its 100 before
     * the body, one over the payload limit its 413 instead, so the client never sends the body.
     */
    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
        String body = "{\"inputs\": \"" + STANDING + "\"}";
        for (int declared : new int[] {body.length(), 20_000_000}) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /embed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Expect: 100-continue\r\nContent-Length: " + declared + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (declared > ServerOptions.DEFAULT_PAYLOAD_LIMIT) {
                    Errors.assertTei(readResponse(in), 413, "Validation");
                    continue;
                }
                assertThat(line(in)).isEqualTo("HTTP/1.1 100 Continue");
                assertThat(line(in)).isEmpty();
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Http.Reply r = readResponse(in);
                assertThat(r.status()).as("%s", r).isEqualTo(200);
                assertThat(Http.floats(r.json().get(0))).containsExactly(standing, within(1e-6f));
            }
        }
    }

    /** Sends {@code head} (and {@code body}, from another thread) on a fresh connection and reads one answer. */
    static Http.Reply exchange(byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            if (body != null) {
                Thread.ofVirtual().start(() -> {
                    try {
                        out.write(body);
                        out.flush();
                    } catch (IOException ignored) {
                        // the server may answer and close before taking all of it
                    }
                });
            }
            return readResponse(socket.getInputStream());
        }
    }

    private static Http.Reply readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            headers.computeIfAbsent(h.substring(0, h.indexOf(':')).trim(), k -> new ArrayList<>())
                    .add(h.substring(h.indexOf(':') + 1).trim());
        }
        assertThat(headers).as("headers of the answer").containsKey("Content-Length");
        int length = Integer.parseInt(headers.get("Content-Length").getFirst());
        return new Http.Reply(status, headers.get("Content-Type").getFirst(),
                new String(in.readNBytes(length), StandardCharsets.UTF_8), headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed mid-answer: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
