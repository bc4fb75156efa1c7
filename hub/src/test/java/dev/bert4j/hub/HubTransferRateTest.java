package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A mirror that trickles bytes (never idle long enough for the stall timeout) is abandoned by the minimum rate. */
@Timeout(60)
class HubTransferRateTest {
    static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;
    FakeHub hub;
    byte[] weights;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        weights = new byte[200_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 17 + 3);
        }
        hub.repo("org/slow-bert", COMMIT).file("config.json", "{}").lfs("model.safetensors", weights);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubClient client() {
        // stall timeout 2 s, but at least 1000 bytes/s over each 1 s window
        return new HubClient(new HubSettings(hub.endpoint(), Optional.empty(), false, home, home.resolve("hub"),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 1000, Duration.ofSeconds(1)));
    }

    /** Sends the headers, then 20 bytes every 100 ms (200 bytes/s): never silent for 2 s. */
    static boolean trickle(com.sun.net.httpserver.HttpExchange ex, byte[] content, int request) throws IOException {
        ex.sendResponseHeaders(200, content.length);
        OutputStream out = ex.getResponseBody();
        for (int at = 0; at < content.length; at += 20) {
            out.write(content, at, Math.min(20, content.length - at));
            out.flush();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    @Test
    void aTricklingMirrorIsAbandonedAndTheNextRunResumes() throws IOException {
        hub.cdnFault(HubTransferRateTest::trickle);
        HubModelId id = HubModelId.parse("org/slow-bert");
        Path blobs = home.resolve("hub/models--org--slow-bert/blobs");
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(id, "model.safetensors"))
                    .isInstanceOf(HubTransferException.class)
                    .hasMessageContaining("below the minimum of 1000 bytes/s (BERT4J_HUB_MIN_RATE)")
                    .hasMessageContaining("run again to resume");
        }
        Path incomplete = blobs.resolve(FakeHub.sha256(weights) + ".incomplete");
        assertThat(incomplete).exists();
        assertThat(Files.size(incomplete)).isPositive().isLessThan(weights.length);
        assertThat(blobs.resolve(FakeHub.sha256(weights))).doesNotExist();

        hub.cdnFault(null);
        hub.clearLog();
        try (HubClient client = client()) {
            assertThat(Files.readAllBytes(client.file(id, "model.safetensors"))).isEqualTo(weights);
        }
        assertThat(hub.log()).anyMatch(line -> line.startsWith("cdn GET") && line.contains("range=bytes="));
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void theMinimumRateHasDocumentedDefaultsAndIsReadFromTheEnvironment() {
        HubSettings defaults = HubSettings.fromEnvironment(Map.of("HOME", home.toString()));
        assertThat(defaults.minDownloadRate()).isEqualTo(HubSettings.DEFAULT_MIN_DOWNLOAD_RATE).isEqualTo(1000);
        assertThat(defaults.rateWindow()).isEqualTo(HubSettings.DEFAULT_RATE_WINDOW).isEqualTo(Duration.ofSeconds(60));
        HubSettings set = HubSettings.fromEnvironment(Map.of("HOME", home.toString(), "BERT4J_HUB_MIN_RATE", "50000",
                "BERT4J_HUB_RATE_WINDOW", "2.5"));
        assertThat(set.minDownloadRate()).isEqualTo(50_000);
        assertThat(set.rateWindow()).isEqualTo(Duration.ofMillis(2500));
        assertThat(set.withOffline(true).minDownloadRate()).isEqualTo(50_000);
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HOME", home.toString(),
                "BERT4J_HUB_MIN_RATE", "fast"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BERT4J_HUB_MIN_RATE='fast'");
    }
}
