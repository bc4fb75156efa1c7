package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HubClientTest {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String CONFIG = "{\"model_type\": \"bert\", \"hidden_size\": 8}";

    @TempDir
    Path home;
    FakeHub hub;
    Path cacheDir;
    byte[] weights;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        cacheDir = home.resolve("hub");
        weights = new byte[300_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31 + 7);
        }
        hub.repo("org/tiny-bert", COMMIT)
                .file("config.json", CONFIG)
                .lfs("model.safetensors", weights)
                .file("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n")
                .file("tokenizer_config.json", "{\"do_lower_case\": true}")
                .file("modules.json", """
                        [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                         {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""")
                .file("1_Pooling/config.json", "{\"pooling_mode_mean_tokens\": true}");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubSettings settings(Optional<String> token, boolean offline) {
        return new HubSettings(hub.endpoint(), token, offline, home, cacheDir, Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    HubClient client() {
        return new HubClient(settings(Optional.empty(), false));
    }

    Path repoFolder() {
        return cacheDir.resolve("models--org--tiny-bert");
    }

    /** Nothing in the cache could be mistaken for a model file: no blob, no snapshot entry. */
    void assertNoBrokenFile(String etag) throws IOException {
        assertThat(repoFolder().resolve("blobs").resolve(etag)).doesNotExist();
        Path snapshot = repoFolder().resolve("snapshots").resolve(COMMIT).resolve("model.safetensors");
        assertThat(Files.exists(snapshot, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void downloadsABertModelInTheLayoutOfHuggingfaceHub() throws IOException {
        List<String> progress = new ArrayList<>();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void started(HubModelId id, String file, long total, long resumedFrom) {
                progress.add("start " + file + " " + total + " " + resumedFrom);
            }

            @Override
            public void finished(HubModelId id, String file) {
                progress.add("done " + file);
            }
        };
        Snapshot snapshot;
        try (HubClient client = new HubClient(settings(Optional.of("hf_secret"), false), listener)) {
            snapshot = client.download(HubModelId.parse("org/tiny-bert"), FileSelection.bertModel());
        }
        Path folder = repoFolder().resolve("snapshots").resolve(COMMIT);
        assertThat(snapshot.folder()).isEqualTo(folder);
        assertThat(snapshot.commit()).isEqualTo(COMMIT);
        assertThat(snapshot.offlineReason()).isEmpty();
        assertThat(snapshot.files()).containsExactly("config.json", "model.safetensors", "vocab.txt",
                "tokenizer_config.json", "modules.json", "1_Pooling/config.json");

        assertThat(Files.readString(repoFolder().resolve("refs/main"))).isEqualTo(COMMIT);
        String configEtag = FakeHub.gitBlobSha1(CONFIG.getBytes(StandardCharsets.UTF_8));
        String weightsEtag = FakeHub.sha256(weights);
        assertThat(Files.readSymbolicLink(folder.resolve("config.json")).toString())
                .isEqualTo("../../blobs/" + configEtag);
        assertThat(Files.readSymbolicLink(folder.resolve("model.safetensors")).toString())
                .isEqualTo("../../blobs/" + weightsEtag);
        assertThat(Files.readSymbolicLink(folder.resolve("1_Pooling/config.json")).toString())
                .isEqualTo("../../../blobs/" + FakeHub.gitBlobSha1("{\"pooling_mode_mean_tokens\": true}".getBytes()));
        assertThat(Files.readAllBytes(folder.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(Files.readString(folder.resolve("config.json"))).isEqualTo(CONFIG);
        try (Stream<Path> blobs = Files.list(repoFolder().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).contains(configEtag, weightsEtag)
                    .noneMatch(n -> n.endsWith(".incomplete"));
        }
        // absent optional files are remembered as huggingface_hub does
        assertThat(repoFolder().resolve(".no_exist").resolve(COMMIT).resolve("tokenizer.json")).isRegularFile();
        assertThat(cacheDir.resolve(".locks/models--org--tiny-bert").resolve(weightsEtag + ".lock")).exists();

        List<String> log = hub.log();
        assertThat(log).contains("hub HEAD /org/tiny-bert/resolve/main/config.json auth",
                "hub HEAD /org/tiny-bert/resolve/" + COMMIT + "/model.safetensors auth");
        // the signed CDN URL is another origin: the token must not follow the redirect
        assertThat(log).anyMatch(l -> l.equals("cdn GET /cdn/" + weightsEtag));
        assertThat(progress).contains("start model.safetensors 300000 0", "done model.safetensors");

        hub.clearLog();
        try (HubClient client = client()) {
            assertThat(client.snapshotFor(HubModelId.parse("org/tiny-bert"))).isEqualTo(folder);
        }
        assertThat(hub.log()).allMatch(l -> l.startsWith("hub HEAD"));
    }

    @Test
    void followsRedirectsToACdnPathOnTheSameServerKeepingTheToken() {
        hub.cdnOnHub(true);
        try (HubClient client = new HubClient(settings(Optional.of("hf_secret"), false))) {
            Path file = client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors");
            assertThat(file).content(StandardCharsets.ISO_8859_1).hasSize(weights.length);
        }
        assertThat(hub.log()).contains("hub GET /cdn/" + FakeHub.sha256(weights) + " auth");
    }

    @Test
    void aModelWeDownloadedIsFoundOfflineAndByConnectionFailure() {
        HubModelId id = HubModelId.parse("org/tiny-bert");
        Path folder;
        try (HubClient client = client()) {
            folder = client.snapshotFor(id);
        }
        hub.close();
        try (HubClient offline = new HubClient(settings(Optional.empty(), true))) {
            Snapshot s = offline.download(id, FileSelection.bertModel());
            assertThat(s.folder()).isEqualTo(folder);
            assertThat(s.offlineReason()).hasValueSatisfying(r -> assertThat(r).contains("HF_HUB_OFFLINE"));
            assertThat(s.files()).contains("config.json", "model.safetensors", "vocab.txt", "1_Pooling/config.json");
        }
        try (HubClient unreachable = client()) {
            Snapshot s = unreachable.download(id, FileSelection.bertModel());
            assertThat(s.folder()).isEqualTo(folder);
            assertThat(s.offlineReason()).hasValueSatisfying(r -> assertThat(r).contains("could not be reached"));
        }
    }

    @Test
    void offlineWithoutTheModelSaysExactlyWhatIsMissing() {
        try (HubClient offline = new HubClient(settings(Optional.empty(), true))) {
            assertThatThrownBy(() -> offline.snapshotFor(HubModelId.parse("org/tiny-bert")))
                    .isInstanceOf(HubOfflineException.class)
                    .hasMessageContaining("HF_HUB_OFFLINE").hasMessageContaining("never downloaded")
                    .hasMessageContaining("config.json").hasMessageContaining("HF_HUB_CACHE")
                    .satisfies(e -> assertThat(((HubOfflineException) e).missing()).containsExactly("config.json"));
        }
        assertThat(hub.log()).isEmpty();
        // only config.json in the cache: the weights are what is missing
        try (HubClient client = client()) {
            client.file(HubModelId.parse("org/tiny-bert"), "config.json");
        }
        try (HubClient offline = new HubClient(settings(Optional.empty(), true))) {
            assertThatThrownBy(() -> offline.snapshotFor(HubModelId.parse("org/tiny-bert")))
                    .isInstanceOf(HubOfflineException.class)
                    .satisfies(e -> assertThat(((HubOfflineException) e).missing()).containsExactly(
                            "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
                            "pytorch_model.bin.index.json"));
        }
    }

    @Test
    void privateAndGatedRepositoriesExplainTheToken() {
        hub.repo("org/private", COMMIT).file("config.json", CONFIG).requiredToken = "hf_good";
        FakeHub.Repo gated = hub.repo("org/gated", COMMIT).file("config.json", CONFIG);
        gated.gated = true;
        gated.requiredToken = "hf_good";
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/private"), "config.json"))
                    .isInstanceOf(HubAccessDeniedException.class).hasMessageContaining("HF_TOKEN")
                    .hasMessageContaining("401").hasMessageContaining("org/private");
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/gated"), "config.json"))
                    .isInstanceOf(HubAccessDeniedException.class).hasMessageContaining("gated")
                    .hasMessageContaining("accept its terms").hasMessageContaining(hub.endpoint() + "/org/gated");
        }
        try (HubClient client = new HubClient(settings(Optional.of("hf_good"), false))) {
            assertThat(client.file(HubModelId.parse("org/gated"), "config.json")).hasContent(CONFIG);
            assertThat(client.file(HubModelId.parse("org/private"), "config.json")).hasContent(CONFIG);
        }
        try (HubClient client = new HubClient(settings(Optional.of("hf_wrong"), false))) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/gated"), "config.json"))
                    .isInstanceOf(HubAccessDeniedException.class).hasMessageContaining("has no access");
        }
    }

    @Test
    void missingRepositoriesRevisionsAndFilesAreNamed() {
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.snapshotFor(HubModelId.parse("org/nope")))
                    .isInstanceOf(HubAccessDeniedException.class).hasMessageContaining("org/nope")
                    .hasMessageContaining("was not found");
            assertThatThrownBy(() -> client.snapshotFor(HubModelId.parse("org/tiny-bert@v9")))
                    .isInstanceOf(HubNotFoundException.class).hasMessageContaining("revision 'v9'");
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "pytorch_model.bin"))
                    .isInstanceOf(HubNotFoundException.class).hasMessageContaining("pytorch_model.bin");
            assertThat(repoFolder().resolve(".no_exist").resolve(COMMIT).resolve("pytorch_model.bin")).isRegularFile();
            hub.repo("org/no-weights", COMMIT).file("config.json", CONFIG);
            assertThatThrownBy(() -> client.snapshotFor(HubModelId.parse("org/no-weights")))
                    .isInstanceOf(HubNotFoundException.class).hasMessageContaining("model.safetensors")
                    .hasMessageContaining("pytorch_model.bin");
        }
    }

    @Test
    void serverErrorsWithoutACacheReportTheStatus() {
        hub.hubStatus(503);
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.snapshotFor(HubModelId.parse("org/tiny-bert")))
                    .isInstanceOf(HubOfflineException.class).hasMessageContaining("HTTP 503");
        }
    }

    @Test
    void anInterruptedTransferIsResumedWithARangeRequest() {
        hub.cdnFault((ex, content, n) -> {
            if (n == 1) {
                ex.sendResponseHeaders(200, content.length);
                OutputStream out = ex.getResponseBody();
                out.write(content, 0, content.length / 3);
                out.flush();
                ex.getHttpContext().getServer();
                throw new IOException("connection dropped by test");
            }
            return false;
        });
        try (HubClient client = client()) {
            Path file = client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors");
            assertThat(file).hasBinaryContent(weights);
        }
        assertThat(hub.log()).anyMatch(l -> l.startsWith("cdn GET") && l.contains("range=bytes="));
    }

    @Test
    void aTransferThatKeepsFailingLeavesOnlyAnIncompleteFileThatTheNextRunResumes() throws IOException {
        String etag = FakeHub.sha256(weights);
        hub.cdnFault((ex, content, n) -> {
            ex.sendResponseHeaders(200, content.length);
            OutputStream out = ex.getResponseBody();
            if (n == 1) {
                out.write(content, 0, 100_000);
            }
            out.flush();
            throw new IOException("connection dropped by test");
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubTransferException.class).hasMessageContaining("run again to resume");
        }
        assertNoBrokenFile(etag);
        Path incomplete = repoFolder().resolve("blobs").resolve(etag + ".incomplete");
        assertThat(Files.size(incomplete)).isBetween(1L, (long) weights.length - 1);
        long partial = Files.size(incomplete);

        hub.cdnFault(null);
        hub.clearLog();
        try (HubClient client = client()) {
            assertThat(client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors")).hasBinaryContent(weights);
        }
        assertThat(hub.log()).contains("cdn GET /cdn/" + etag + " range=bytes=" + partial + "-");
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void wrongSizesAreRejectedAndLeaveNothingBehind() throws IOException {
        String etag = FakeHub.sha256(weights);
        // a Content-Length that disagrees with X-Linked-Size
        hub.cdnFault((ex, content, n) -> {
            FakeHub.send(ex, 200, java.util.Arrays.copyOf(content, content.length + 10));
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubIntegrityException.class).hasMessageContaining("300010");
        }
        assertNoBrokenFile(etag);
        assertThat(repoFolder().resolve("blobs").resolve(etag + ".incomplete")).doesNotExist();
        // no Content-Length (chunked) and more bytes than announced
        hub.cdnFault((ex, content, n) -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content);
                out.write(new byte[5000]);
            }
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubIntegrityException.class).hasMessageContaining("more bytes");
        }
        assertNoBrokenFile(etag);
        assertThat(repoFolder().resolve("blobs").resolve(etag + ".incomplete")).doesNotExist();
    }

    @Test
    void aBodyWhoseSha256DiffersFromTheEtagIsDiscarded() throws IOException {
        String etag = FakeHub.sha256(weights);
        hub.cdnFault((ex, content, n) -> {
            byte[] tampered = content.clone();
            tampered[12345] ^= 1;
            FakeHub.serveRange(ex, tampered);
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubIntegrityException.class).hasMessageContaining("SHA-256")
                    .hasMessageContaining(etag);
        }
        assertNoBrokenFile(etag);
        assertThat(repoFolder().resolve("blobs").resolve(etag + ".incomplete")).doesNotExist();
    }

    @Test
    void hugeHeadersAreRefused() throws IOException {
        String etag = FakeHub.sha256(weights);
        hub.cdnFault((ex, content, n) -> {
            ex.getResponseHeaders().set("X-Padding", "a".repeat(1_000_000));
            FakeHub.serveRange(ex, content);
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubTransferException.class).hasMessageContaining("header");
        }
        assertNoBrokenFile(etag);
    }

    @Test
    void redirectsToOtherSchemesAndRedirectLoopsAreRefused() throws IOException {
        String etag = FakeHub.sha256(weights);
        hub.cdnFault((ex, content, n) -> {
            ex.getResponseHeaders().set("Location", "file:///etc/passwd");
            FakeHub.send(ex, 302, new byte[0]);
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubTransferException.class).hasMessageContaining("only http and https");
        }
        assertNoBrokenFile(etag);
        hub.cdnFault((ex, content, n) -> {
            ex.getResponseHeaders().set("Location", n % 2 == 1 ? "/cdn/a" : "/cdn/b");
            FakeHub.send(ex, 302, new byte[0]);
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubTransferException.class).hasMessageContaining("redirect loop");
        }
        assertNoBrokenFile(etag);
    }

    @Test
    void aStalledTransferIsAbandonedAfterTheDownloadTimeout() throws IOException {
        hub.cdnFault((ex, content, n) -> {
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content, 0, 1000);
            ex.getResponseBody().flush();
            try {
                Thread.sleep(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        try (HubClient client = client()) {
            assertThatThrownBy(() -> client.file(HubModelId.parse("org/tiny-bert"), "model.safetensors"))
                    .isInstanceOf(HubTransferException.class).hasMessageContaining("no data for");
        }
        assertNoBrokenFile(FakeHub.sha256(weights));
    }
}
