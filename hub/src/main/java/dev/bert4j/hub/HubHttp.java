package dev.bert4j.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The HTTP conventions of the Hub: URLs, headers, redirects and error codes, shared by HEAD and GET. */
final class HubHttp {
    static final int MAX_REDIRECTS = 10;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final String USER_AGENT = "bert4j/0.1; java/" + Runtime.version().feature();

    private final HubSettings settings;
    private final HttpClient client;

    HubHttp(HubSettings settings, HttpClient client) {
        this.settings = settings;
        this.client = client;
    }

    static HttpClient defaultClient(HubSettings settings) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.metadataTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    HttpClient client() {
        return client;
    }

    HubSettings settings() {
        return settings;
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{path}}, quoted as huggingface_hub's hf_hub_url. */
    URI resolveUrl(HubModelId id, String revision, String path) {
        StringBuilder url = new StringBuilder(settings.endpoint().toString())
                .append('/').append(id.repoId()).append("/resolve/").append(quote(revision, false)).append('/');
        url.append(quote(RepoPath.check(path), true));
        return URI.create(url.toString());
    }

    /** A request with the Hub's headers; the token only goes to the endpoint's own origin. */
    HttpRequest.Builder request(URI uri, boolean sendToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT);
        if (sendToken && settings.token().isPresent()) {
            builder.header("Authorization", "Bearer " + settings.token().get());
        }
        return builder;
    }

    boolean isEndpointOrigin(URI uri) {
        return sameOrigin(uri, settings.endpoint());
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Where a redirect goes, after checking it: http(s) only, never from https down to http.
     *
     * @throws HubTransferException when the target is missing or refused
     */
    static URI redirectTarget(URI from, HttpHeaders headers, String file) {
        String location = headers.firstValue("Location").orElseThrow(() -> new HubTransferException(
                "the server redirected the download of " + file + " from " + from + " without a Location header"));
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new HubTransferException("the server redirected " + file + " to an invalid URL '" + location + "'");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
            throw new HubTransferException("refusing the redirect of " + file + " to '" + location
                    + "': only http and https URLs are followed");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new HubTransferException("refusing the redirect of " + file + " from https to plain http ("
                    + target + ")");
        }
        return target;
    }

    static void checkHeaderSize(HttpHeaders headers, URI uri) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
            for (String v : e.getValue()) {
                bytes += e.getKey().length() + v.length() + 4;
            }
        }
        if (bytes > MAX_HEADER_BYTES) {
            throw new HubTransferException("the server at " + uri + " sent " + bytes + " bytes of headers (more than "
                    + MAX_HEADER_BYTES + "); refusing the response");
        }
    }

    /** {@code X-Repo-Commit}, if the server sent a valid one. */
    static Optional<String> commitHeader(HttpHeaders headers) {
        return headers.firstValue("X-Repo-Commit").map(String::strip).filter(HubModelId::isCommitHash);
    }

    /** As huggingface_hub's _normalize_etag: drop a weak {@code W/} prefix and the quotes. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /**
     * The error for a failed exchange, following the Hub's {@code X-Error-Code} header.
     *
     * @return never: always throws, except for {@code EntryNotFound} which returns normally so the caller
     *     can record the file as absent
     */
    HubException statusError(int status, HttpHeaders headers, URI uri, HubModelId id, String file, byte[] body) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String serverSays = headers.firstValue("X-Error-Message").map(m -> ": " + clip(m))
                .orElseGet(() -> body.length == 0 ? "" : ": " + clip(new String(body, StandardCharsets.UTF_8)));
        String repoUrl = settings.endpoint() + "/" + id.repoId();
        String tokenAdvice = settings.token().isPresent()
                ? "the token in HF_TOKEN (or " + settings.hfHome().resolve("token") + ") has no access to it"
                : "set HF_TOKEN (or run `hf auth login`) to a token of an account with access";
        if (code.equals("GatedRepo")) {
            return new HubAccessDeniedException(id.repoId() + " is a gated repository: open " + repoUrl
                    + " to accept its terms, then " + tokenAdvice + " (HTTP " + status + serverSays + ")");
        }
        if (code.equals("RepoNotFound") || status == 401) {
            return new HubAccessDeniedException("repository " + id.repoId() + " was not found at "
                    + settings.endpoint() + ", or it is private or gated: check the name, and " + tokenAdvice
                    + " (HTTP " + status + serverSays + ")");
        }
        if (status == 403) {
            return new HubAccessDeniedException("access to " + file + " of " + id.repoId() + " was refused (HTTP 403"
                    + serverSays + "): if the repository is gated, accept its terms at " + repoUrl + " and "
                    + tokenAdvice);
        }
        if (code.equals("RevisionNotFound")) {
            return new HubNotFoundException("revision '" + id.revision() + "' does not exist in " + id.repoId()
                    + " (HTTP " + status + serverSays + ")");
        }
        if (status == 404) {
            return new HubNotFoundException(file + " was not found in " + id + " at " + uri + serverSays);
        }
        if (status >= 500) {
            return new HubTransferException("the Hub answered HTTP " + status + " for " + uri + serverSays
                    + "; the service may be down, try again later");
        }
        return new HubTransferException("unexpected HTTP " + status + " for " + uri + serverSays);
    }

    static boolean isEntryNotFound(int status, HttpHeaders headers) {
        return status == 404 && (headers.firstValue("X-Error-Code").orElse("").equals("EntryNotFound")
                || headers.firstValue("X-Error-Code").isEmpty() && commitHeader(headers).isPresent());
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static String quote(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Sends a request whose body is small or irrelevant, keeping at most 4 KiB of it. */
    HttpResponse<byte[]> sendSmall(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, info -> BoundedBytes.subscriber(4096));
    }
}
