package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache written the way Python's huggingface_hub writes it is read with no network at all. */
class HubCacheTest {
    static final String COMMIT = "a265f773a47193eed794233aa2a0f0bb6d3eaa63";

    @TempDir
    Path home;

    /**
     * Lays out {@code hub/models--google-bert--bert-base-uncased} exactly as hf_hub_download does:
     * blobs named by etag, relative symlinks from the snapshot, refs/main without a newline, and
     * .no_exist markers for files the Hub said are absent.
     */
    Path pythonCache() throws IOException {
        Path repo = home.resolve(".cache/huggingface/hub/models--google-bert--bert-base-uncased");
        String config = "{\"model_type\": \"bert\"}";
        String configEtag = FakeHub.gitBlobSha1(config.getBytes(StandardCharsets.UTF_8));
        byte[] weights = {1, 2, 3, 4};
        String weightsEtag = FakeHub.sha256(weights);
        Files.createDirectories(repo.resolve("blobs"));
        Files.writeString(repo.resolve("blobs").resolve(configEtag), config);
        Files.write(repo.resolve("blobs").resolve(weightsEtag), weights);
        Files.writeString(repo.resolve("blobs").resolve("b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1"), "[PAD]\n");
        Path snapshot = repo.resolve("snapshots").resolve(COMMIT);
        Files.createDirectories(snapshot.resolve("1_Pooling"));
        Files.createSymbolicLink(snapshot.resolve("config.json"), Path.of("../../blobs/" + configEtag));
        Files.createSymbolicLink(snapshot.resolve("model.safetensors"), Path.of("../../blobs/" + weightsEtag));
        Files.createSymbolicLink(snapshot.resolve("vocab.txt"),
                Path.of("../../blobs/b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1b0d1"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        Path noExist = repo.resolve(".no_exist").resolve(COMMIT);
        Files.createDirectories(noExist);
        for (String absent : new String[] {"tokenizer.json", "modules.json", "added_tokens.json",
            "special_tokens_map.json", "tokenizer_config.json"}) {
            Files.createFile(noExist.resolve(absent));
        }
        return repo;
    }

    HubSettings offlineSettings() {
        return HubSettings.fromEnvironment(java.util.Map.of("HOME", home.toString(), "HF_HUB_OFFLINE", "1",
                // a port nothing listens on: any attempt to connect would fail the test
                "HF_ENDPOINT", "http://127.0.0.1:9"));
    }

    @Test
    void findsAModelDownloadedByThePythonLibraryWithoutNetwork() throws IOException {
        Path repo = pythonCache();
        try (HubClient client = new HubClient(offlineSettings())) {
            Snapshot s = client.download(HubModelId.parse("google-bert/bert-base-uncased"), FileSelection.bertModel());
            assertThat(s.folder()).isEqualTo(repo.resolve("snapshots").resolve(COMMIT));
            assertThat(s.files()).containsExactly("config.json", "model.safetensors", "vocab.txt");
            assertThat(s.folder().resolve("config.json")).hasContent("{\"model_type\": \"bert\"}");
        }
    }

    @Test
    void lookupDistinguishesPresentKnownAbsentAndUnknown() throws IOException {
        pythonCache();
        HubCache cache = new HubCache(offlineSettings().hubCache());
        HubModelId id = HubModelId.parse("google-bert/bert-base-uncased");
        assertThat(cache.commitFor(id)).contains(COMMIT);
        assertThat(cache.commitFor(id.withRevision(COMMIT))).contains(COMMIT);
        assertThat(cache.commitFor(id.withRevision("v1.0"))).isEmpty();
        assertThat(cache.lookup(id, COMMIT, "config.json")).isInstanceOf(CachedFile.Present.class);
        assertThat(cache.lookup(id, COMMIT, "tokenizer.json")).isInstanceOf(CachedFile.KnownAbsent.class);
        assertThat(cache.lookup(id, COMMIT, "pytorch_model.bin")).isInstanceOf(CachedFile.NotCached.class);
        assertThatThrownBy(() -> cache.lookup(id, COMMIT, "../../../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsafe part");
    }

    @Test
    void aLinkWhoseBlobIsGoneCountsAsNotCached() throws IOException {
        Path repo = pythonCache();
        HubCache cache = new HubCache(offlineSettings().hubCache());
        HubModelId id = HubModelId.parse("google-bert/bert-base-uncased");
        Files.delete(repo.resolve("blobs").resolve(FakeHub.sha256(new byte[] {1, 2, 3, 4})));
        assertThat(cache.lookup(id, COMMIT, "model.safetensors")).isInstanceOf(CachedFile.NotCached.class);
    }

    @Test
    void writesRefsAndLinksAsThePythonLibraryReadsThem() throws IOException {
        HubCache cache = new HubCache(home.resolve("hub"));
        HubModelId id = HubModelId.parse("org/model@refs/pr/1");
        cache.writeRef(id, COMMIT);
        assertThat(Files.readString(home.resolve("hub/models--org--model/refs/refs/pr/1"))).isEqualTo(COMMIT);
        Files.createDirectories(cache.blob(id, "abc123").getParent());
        Files.writeString(cache.blob(id, "abc123"), "x");
        Path link = cache.link(id, COMMIT, "2_Dense/nested/config.json", "abc123");
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../../../blobs/abc123");
        assertThat(link).hasContent("x");
        cache.markAbsent(id, COMMIT, "tokenizer.json");
        assertThat(home.resolve("hub/models--org--model/.no_exist").resolve(COMMIT).resolve("tokenizer.json"))
                .isEmptyFile();
    }

    @Test
    void refusesCorruptRefsAndUnsafeEtags() throws IOException {
        HubCache cache = new HubCache(home.resolve("hub"));
        HubModelId id = HubModelId.parse("org/model");
        Files.createDirectories(home.resolve("hub/models--org--model/refs"));
        Files.writeString(home.resolve("hub/models--org--model/refs/main"), "../../etc");
        assertThatThrownBy(() -> cache.commitFor(id)).isInstanceOf(HubException.class)
                .hasMessageContaining("not a 40-character commit hash");
        assertThatThrownBy(() -> cache.blob(id, "../../x")).isInstanceOf(HubException.class)
                .hasMessageContaining("ETag");
    }

    @Test
    void settingsFollowTheVariablesOfHuggingfaceHub() throws IOException {
        Files.createDirectories(home.resolve("hf"));
        Files.writeString(home.resolve("hf/token"), "hf_fromfile\n");
        HubSettings s = HubSettings.fromEnvironment(java.util.Map.of("HOME", home.toString(),
                "HF_HOME", home.resolve("hf").toString(), "HF_ENDPOINT", "https://mirror.example/",
                "HF_HUB_OFFLINE", "true"));
        assertThat(s.endpoint()).hasToString("https://mirror.example");
        assertThat(s.token()).contains("hf_fromfile");
        assertThat(s.offline()).isTrue();
        assertThat(s.hubCache()).isEqualTo(home.resolve("hf/hub"));
        assertThat(s.toString()).doesNotContain("hf_fromfile");

        HubSettings d = HubSettings.fromEnvironment(java.util.Map.of("HOME", home.toString(), "HF_TOKEN", "hf_env",
                "HF_HUB_CACHE", "~/elsewhere", "HF_HUB_OFFLINE", "0"));
        assertThat(d.endpoint()).hasToString("https://huggingface.co");
        assertThat(d.hfHome()).isEqualTo(home.resolve(".cache/huggingface"));
        assertThat(d.hubCache()).isEqualTo(home.resolve("elsewhere"));
        assertThat(d.token()).contains("hf_env");
        assertThat(d.offline()).isFalse();
        assertThat(d.metadataTimeout()).isEqualTo(Duration.ofSeconds(10));

        assertThatThrownBy(() -> HubSettings.fromEnvironment(java.util.Map.of("HOME", home.toString(),
                "HF_ENDPOINT", "ftp://x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_ENDPOINT");
        assertThat(HubSettings.fromEnvironment(java.util.Map.of("HOME", home.toString())).token())
                .isEqualTo(Optional.empty());
    }
}
