package dev.bert4j.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Downloads model files from the Hugging Face Hub into the shared cache, as huggingface_hub's
 * {@code hf_hub_download} does: a HEAD on {@code {endpoint}/{repo}/resolve/{revision}/{path}} (no
 * redirects followed except relative ones) gives the commit, ETag and size; a GET that follows
 * redirects fetches missing blobs. Offline ({@code HF_HUB_OFFLINE}) or when the Hub cannot be reached,
 * files come from the cache alone.
 *
 * <p>Thread-safe; one instance can serve many downloads. Close it to release the HTTP client.
 */
public final class HubClient implements AutoCloseable {
    private final HubSettings settings;
    private final HubHttp http;
    private final HubCache cache;
    private final BlobDownloader downloader;
    private final DownloadListener listener;
    private final boolean ownsClient;

    /** A client with its own HTTP client and no progress reporting. */
    public HubClient(HubSettings settings) {
        this(settings, DownloadListener.NONE);
    }

    /** A client with its own HTTP client, reporting progress to {@code listener}. */
    public HubClient(HubSettings settings, DownloadListener listener) {
        this(settings, HubHttp.defaultClient(settings), listener, true);
    }

    /**
     * A client over a caller's HTTP client (e.g. one with a proxy). It must not follow redirects itself:
     * this class follows them, checking each target.
     */
    public HubClient(HubSettings settings, HttpClient client, DownloadListener listener) {
        this(settings, client, listener, false);
    }

    private HubClient(HubSettings settings, HttpClient client, DownloadListener listener, boolean ownsClient) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must use Redirect.NEVER; HubClient checks each redirect");
        }
        this.http = new HubHttp(settings, client);
        this.cache = new HubCache(settings.hubCache());
        this.downloader = new BlobDownloader(http);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ownsClient = ownsClient;
    }

    public HubSettings settings() {
        return settings;
    }

    public HubCache cache() {
        return cache;
    }

    /** The files of a BERT model ({@link BertModelFiles}); returns the snapshot folder. */
    public Path snapshotFor(HubModelId id) {
        return download(id, FileSelection.bertModel()).folder();
    }

    /** The files {@code selection} picks; returns the snapshot folder. */
    public Path snapshotFor(HubModelId id, FileSelection selection) {
        return download(id, selection).folder();
    }

    /** The files {@code selection} picks, with the commit they come from and how they were found. */
    public Snapshot download(HubModelId id, FileSelection selection) {
        Objects.requireNonNull(id, "id");
        SnapshotSession session = new SnapshotSession(this, id);
        selection.fetch(session);
        return session.result();
    }

    /** One file, required; returns its path in the snapshot folder. */
    public Path file(HubModelId id, String path) {
        SnapshotSession session = new SnapshotSession(this, id);
        return session.required(path);
    }

    @Override
    public void close() {
        if (ownsClient) {
            http.client().close();
        }
    }

    HubHttp http() {
        return http;
    }

    DownloadListener listener() {
        return listener;
    }

    BlobDownloader downloader() {
        return downloader;
    }

    /** The outcome of a HEAD: the file's metadata, or that the Hub says it does not exist. */
    sealed interface Head {
        record Found(FileMetadata meta) implements Head {}

        record Absent(java.util.Optional<String> commit) implements Head {}
    }

    /** The Hub could not be reached (network failure or 5xx): callers fall back to the cache. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** HEAD on a resolve URL, following only relative redirects (a renamed repository), as huggingface_hub. */
    Head head(HubModelId id, String revision, String path) throws Unreachable {
        URI uri = http.resolveUrl(id, revision, path);
        for (int hop = 0; hop <= HubHttp.MAX_REDIRECTS; hop++) {
            HttpRequest request = http.request(uri, http.isEndpointOrigin(uri))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity")
                    .timeout(settings.metadataTimeout())
                    .build();
            HttpResponse<byte[]> response;
            try {
                response = http.sendSmall(request);
            } catch (java.net.ProtocolException e) {
                throw new HubTransferException("the server at " + uri + " sent a malformed or oversized response"
                        + " (status line or headers) for " + path + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new Unreachable("the Hub at " + settings.endpoint() + " could not be reached ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubTransferException("interrupted while asking the Hub about " + path, e);
            }
            HttpHeaders headers = response.headers();
            HubHttp.checkHeaderSize(headers, uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = headers.firstValue("Location").orElse("");
                URI target = HubHttp.redirectTarget(uri, headers, path);
                if (!location.isEmpty() && URI.create(location.strip()).getHost() == null) {
                    uri = target;
                    continue;
                }
                return new Head.Found(metadata(headers, target, uri, path));
            }
            if (status >= 200 && status < 300) {
                return new Head.Found(metadata(headers, uri, uri, path));
            }
            if (HubHttp.isEntryNotFound(status, headers)) {
                return new Head.Absent(HubHttp.commitHeader(headers));
            }
            if (status >= 500) {
                throw new Unreachable("the Hub answered HTTP " + status + " for " + uri, null);
            }
            throw http.statusError(status, headers, uri, id, path, response.body());
        }
        throw new HubTransferException("more than " + HubHttp.MAX_REDIRECTS + " redirects asking the Hub about "
                + path + " of " + id + " (last: " + uri + ")");
    }

    private FileMetadata metadata(HttpHeaders headers, URI location, URI asked, String path) {
        String commit = HubHttp.commitHeader(headers).orElseThrow(() -> new HubTransferException("the server at "
                + asked + " did not send a valid X-Repo-Commit header for " + path + ": HF_ENDPOINT ("
                + settings.endpoint() + ") does not look like a Hugging Face Hub, or a proxy rewrote the response"));
        String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                .map(HubHttp::normalizeEtag).orElseThrow(() -> new HubTransferException("the server at " + asked
                        + " sent no ETag for " + path + "; cannot tell which file version it is"));
        String sizeText = headers.firstValue("X-Linked-Size").or(() -> headers.firstValue("Content-Length"))
                .orElseThrow(() -> new HubTransferException("the server at " + asked + " sent no size for " + path));
        long size;
        try {
            size = Long.parseLong(sizeText.strip());
        } catch (NumberFormatException e) {
            throw new HubTransferException("the server at " + asked + " sent the size '" + sizeText + "' for " + path);
        }
        if (size < 0) {
            throw new HubTransferException("the server at " + asked + " sent a negative size for " + path);
        }
        return new FileMetadata(commit, etag, size, location);
    }
}
