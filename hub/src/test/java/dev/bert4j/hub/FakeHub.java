package dev.bert4j.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that plays the Hub: resolve URLs answer HEAD and GET like huggingface.co (commit,
 * ETag, X-Linked-* headers; LFS files redirect to a CDN), with X-Error-Code errors for missing, private
 * and gated repositories. The CDN is a second server on another port (another origin, so the token
 * must not follow) or the {@code /cdn/} path of the Hub itself. Faults can be injected per CDN request.
 */
public final class FakeHub implements AutoCloseable {
    static final int MAX_REQUESTS = 500;

    /** One file of a repository. */
    record RepoFile(byte[] content, boolean lfs) {
        String etag() {
            return lfs ? sha256(content) : gitBlobSha1(content);
        }
    }

    /** A repository at one commit. */
    public static final class Repo {
        final String commit;
        final Map<String, RepoFile> files = new LinkedHashMap<>();
        String requiredToken;
        boolean gated;

        Repo(String commit) {
            this.commit = commit;
        }

        public Repo file(String path, String text) {
            files.put(path, new RepoFile(text.getBytes(StandardCharsets.UTF_8), false));
            return this;
        }

        public Repo lfs(String path, byte[] content) {
            files.put(path, new RepoFile(content, true));
            return this;
        }
    }

    /** Replaces the normal CDN answer for one request; return true when it answered. */
    @FunctionalInterface
    interface Fault {
        boolean handle(HttpExchange exchange, byte[] content, int requestNumber) throws IOException;
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger cdnRequests = new AtomicInteger();
    private volatile Fault cdnFault;
    private volatile boolean cdnOnHub;
    private volatile int hubStatus;

    public FakeHub() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    public Repo repo(String repoId, String commit) {
        Repo repo = new Repo(commit);
        repos.put(repoId, repo);
        return repo;
    }

    void cdnFault(Fault fault) {
        cdnFault = fault;
        cdnRequests.set(0);
    }

    /** Serve LFS downloads from {@code /cdn/} on the Hub itself instead of the other-origin CDN. */
    void cdnOnHub(boolean onHub) {
        cdnOnHub = onHub;
    }

    /** Answer every Hub request with this status (0: normal). */
    void hubStatus(int status) {
        hubStatus = status;
    }

    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void clearLog() {
        log.clear();
    }

    private void hub(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "hub");
            if (hubStatus != 0) {
                send(ex, hubStatus, new byte[0]);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (path.startsWith("/cdn/")) {
                serveBlob(ex, path.substring(5));
                return;
            }
            // /{org}/{name}/resolve/{revision}/{file...}
            String[] parts = path.substring(1).split("/", 5);
            if (parts.length < 5 || !parts[2].equals("resolve")) {
                send(ex, 404, new byte[0]);
                return;
            }
            String repoId = parts[0] + "/" + parts[1];
            String revision = java.net.URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
            String file = java.net.URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
            Repo repo = repos.get(repoId);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (repo == null || (repo.requiredToken != null && !repo.gated
                    && !("Bearer " + repo.requiredToken).equals(auth))) {
                ex.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
                ex.getResponseHeaders().set("X-Error-Message", "Repository not found");
                send(ex, 401, new byte[0]);
                return;
            }
            if (repo.gated && !("Bearer " + repo.requiredToken).equals(auth)) {
                ex.getResponseHeaders().set("X-Error-Code", "GatedRepo");
                ex.getResponseHeaders().set("X-Error-Message", "Access to model " + repoId + " is restricted.");
                send(ex, 403, new byte[0]);
                return;
            }
            if (!revision.equals("main") && !revision.equals(repo.commit)) {
                ex.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
                send(ex, 404, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("X-Repo-Commit", repo.commit);
            RepoFile entry = repo.files.get(file);
            if (entry == null) {
                ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                ex.getResponseHeaders().set("X-Error-Message", "Entry not found");
                send(ex, 404, new byte[0]);
                return;
            }
            if (entry.lfs()) {
                String sha = entry.etag();
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Long.toString(entry.content().length));
                ex.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(("version https://git-lfs").getBytes()) + "\"");
                String cdnBase = cdnOnHub ? endpoint().toString() : "http://127.0.0.1:" + cdn.getAddress().getPort();
                ex.getResponseHeaders().set("Location", cdnBase + "/cdn/" + sha + "?signature=abc");
                blobs.put(sha, entry.content());
                send(ex, 302, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"" + entry.etag() + "\"");
            send(ex, 200, entry.content());
        }
    }

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    private void cdn(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "cdn");
            String path = ex.getRequestURI().getRawPath();
            serveBlob(ex, path.startsWith("/cdn/") ? path.substring(5) : "");
        }
    }

    private void serveBlob(HttpExchange ex, String sha) throws IOException {
        byte[] content = blobs.get(sha);
        Fault fault = cdnFault;
        int n = cdnRequests.incrementAndGet();
        if (fault != null && fault.handle(ex, content, n)) {
            return;
        }
        if (content == null) {
            send(ex, 404, new byte[0]);
            return;
        }
        serveRange(ex, content);
    }

    /** Answers a GET with Range support, as S3/CloudFront do. */
    static void serveRange(HttpExchange ex, byte[] content) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            int start = Integer.parseInt(range.substring(6, range.length() - 1));
            if (start >= content.length) {
                send(ex, 416, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/"
                    + content.length);
            byte[] rest = java.util.Arrays.copyOfRange(content, start, content.length);
            send(ex, 206, rest);
            return;
        }
        send(ex, 200, content);
    }

    static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head || body.length == 0) {
            if (head && status == 200) {
                ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void record(HttpExchange ex, String server) {
        if (requests.incrementAndGet() > MAX_REQUESTS) {
            throw new IllegalStateException("more than " + MAX_REQUESTS + " requests: a client loop?");
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String range = ex.getRequestHeaders().getFirst("Range");
        log.add(server + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                + (range == null ? "" : " range=" + range) + (auth == null ? "" : " auth"));
    }

    static String sha256(byte[] content) {
        return digest("SHA-256", content);
    }

    static String gitBlobSha1(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return digest("SHA-1", all);
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }
}
