package dev.bert4j.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Hub client takes from the environment, read once at the edge with the same variables
 * and defaults as Python's huggingface_hub, so both share one cache and one token.
 *
 * @param endpoint {@code HF_ENDPOINT}, default {@code https://huggingface.co}
 * @param token {@code HF_TOKEN} (or legacy {@code HUGGING_FACE_HUB_TOKEN}), else the contents of
 *     {@code HF_TOKEN_PATH}, default {@code $HF_HOME/token}
 * @param offline {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) is 1/ON/YES/TRUE
 * @param hfHome {@code HF_HOME}, default {@code $XDG_CACHE_HOME/huggingface} or
 *     {@code ~/.cache/huggingface}
 * @param hubCache {@code HF_HUB_CACHE} (or legacy {@code HUGGINGFACE_HUB_CACHE}), default
 *     {@code $HF_HOME/hub}
 * @param metadataTimeout {@code HF_HUB_ETAG_TIMEOUT} seconds, default 10: connect and HEAD timeout
 * @param downloadTimeout {@code HF_HUB_DOWNLOAD_TIMEOUT} seconds, default 10: a download with no
 *     bytes arriving for this long is abandoned (and resumable)
 * @param minDownloadRate {@code BERT4J_HUB_MIN_RATE} bytes per second, default 1000: a download that
 *     brings fewer bytes than this per second, averaged over {@code rateWindow}, is abandoned (and
 *     resumable). Without it a server that trickles one byte every few seconds never trips the stall
 *     timeout and holds the download forever. There is deliberately no overall deadline: a large model
 *     on a slow but honest connection must still arrive; the floor bounds a download to size / rate.
 * @param rateWindow {@code BERT4J_HUB_RATE_WINDOW} seconds, default 60: the span over which the rate is
 *     averaged (long enough that a brief network hiccup does not count)
 */
public record HubSettings(
        URI endpoint,
        Optional<String> token,
        boolean offline,
        Path hfHome,
        Path hubCache,
        Duration metadataTimeout,
        Duration downloadTimeout,
        long minDownloadRate,
        Duration rateWindow) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");
    private static final long MAX_TOKEN_FILE_BYTES = 64 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default of {@link #minDownloadRate()}, bytes per second. */
    public static final long DEFAULT_MIN_DOWNLOAD_RATE = 1000;
    /** Default of {@link #rateWindow()}. */
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(60);

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(hfHome, "hfHome");
        Objects.requireNonNull(hubCache, "hubCache");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        String scheme = endpoint.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("HF_ENDPOINT '" + endpoint + "' must be an http(s) URL such as "
                    + DEFAULT_ENDPOINT);
        }
        if (metadataTimeout.isNegative() || metadataTimeout.isZero()
                || downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("Hub timeouts must be positive");
        }
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (minDownloadRate < 0 || rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("the minimum download rate must be at least 0 bytes per second and"
                    + " its window positive");
        }
        token = token.map(String::strip).filter(t -> !t.isEmpty());
    }

    /** Settings with the default minimum download rate ({@link #DEFAULT_MIN_DOWNLOAD_RATE} over {@link #DEFAULT_RATE_WINDOW}). */
    public HubSettings(URI endpoint, Optional<String> token, boolean offline, Path hfHome, Path hubCache,
            Duration metadataTimeout, Duration downloadTimeout) {
        this(endpoint, token, offline, hfHome, hubCache, metadataTimeout, downloadTimeout, DEFAULT_MIN_DOWNLOAD_RATE,
                DEFAULT_RATE_WINDOW);
    }

    /** Settings from the process environment. */
    public static HubSettings fromSystemEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Settings from {@code env}, a map of environment variables (tests pass their own). The user's home
     * is {@code HOME} from the map, else the JVM's {@code user.home}.
     *
     * @throws IllegalArgumentException when a variable has a value that cannot be used
     */
    public static HubSettings fromEnvironment(Map<String, String> env) {
        Path home = Path.of(firstSet(env, "HOME").orElseGet(() -> System.getProperty("user.home")));
        Path hfHome = firstSet(env, "HF_HOME").map(p -> expandHome(p, home))
                .orElseGet(() -> firstSet(env, "XDG_CACHE_HOME").map(p -> expandHome(p, home))
                        .orElse(home.resolve(".cache")).resolve("huggingface"));
        Path hubCache = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE").map(p -> expandHome(p, home))
                .orElse(hfHome.resolve("hub"));
        String endpointText = firstSet(env, "HF_ENDPOINT").orElse(DEFAULT_ENDPOINT).strip();
        while (endpointText.endsWith("/")) {
            endpointText = endpointText.substring(0, endpointText.length() - 1);
        }
        URI endpoint;
        try {
            endpoint = URI.create(endpointText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HF_ENDPOINT '" + endpointText + "' is not a URL", e);
        }
        Optional<String> token = firstSet(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        if (token.isEmpty()) {
            Path tokenPath = firstSet(env, "HF_TOKEN_PATH").map(p -> expandHome(p, home))
                    .orElse(hfHome.resolve("token"));
            token = readTokenFile(tokenPath);
        }
        boolean offline = firstSet(env, "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
                .map(v -> TRUE_VALUES.contains(v.strip().toUpperCase(Locale.ROOT))).orElse(false);
        return new HubSettings(endpoint, token, offline, hfHome, hubCache,
                seconds(env, "HF_HUB_ETAG_TIMEOUT", DEFAULT_TIMEOUT),
                seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT", DEFAULT_TIMEOUT), bytesPerSecond(env, "BERT4J_HUB_MIN_RATE"), seconds(env, "BERT4J_HUB_RATE_WINDOW", DEFAULT_RATE_WINDOW));
    }

    /** The same settings with offline mode switched on or off (e.g. from a {@code --offline} flag). */
    public HubSettings withOffline(boolean newOffline) {
        return new HubSettings(endpoint, token, newOffline, hfHome, hubCache, metadataTimeout, downloadTimeout,
                minDownloadRate, rateWindow);
    }

    /** The same settings with another cache folder (e.g. from a {@code --cache-dir} flag). */
    public HubSettings withHubCache(Path newHubCache) {
        return new HubSettings(endpoint, token, offline, hfHome, newHubCache, metadataTimeout, downloadTimeout,
                minDownloadRate, rateWindow);
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "<set>" : "<none>")
                + ", offline=" + offline + ", hfHome=" + hfHome + ", hubCache=" + hubCache
                + ", metadataTimeout=" + metadataTimeout + ", downloadTimeout=" + downloadTimeout
                + ", minDownloadRate=" + minDownloadRate + ", rateWindow=" + rateWindow + "]";
    }

    private static Optional<String> firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Path expandHome(String path, Path home) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static Optional<String> readTokenFile(Path tokenPath) {
        try {
            if (!Files.isRegularFile(tokenPath)) {
                return Optional.empty();
            }
            if (Files.size(tokenPath) > MAX_TOKEN_FILE_BYTES) {
                throw new IllegalArgumentException("the Hub token file " + tokenPath + " is larger than "
                        + MAX_TOKEN_FILE_BYTES + " bytes; it should hold a single token");
            }
            String text = Files.readString(tokenPath, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Hub token file " + tokenPath + ": " + e.getMessage(), e);
        }
    }

    private static long bytesPerSecond(Map<String, String> env, String name) {
        Optional<String> value = firstSet(env, name);
        if (value.isEmpty()) {
            return DEFAULT_MIN_DOWNLOAD_RATE;
        }
        try {
            long rate = Long.parseLong(value.get().strip());
            if (rate < 0) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value.get() + "' must be a whole number of bytes per"
                    + " second, 0 or more (0 turns the minimum download rate off)", e);
        }
    }

    private static Duration seconds(Map<String, String> env, String name, Duration defaultValue) {
        Optional<String> value = firstSet(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            double s = Double.parseDouble(value.get().strip());
            if (!(s > 0) || s > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value.get() + "' must be a number of seconds between 0"
                    + " and 86400", e);
        }
    }
}
