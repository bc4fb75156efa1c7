package dev.bert4j.cli;

import dev.bert4j.hub.FakeHub;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --model org/name} as a user runs it: the files come from a Hub (a loopback stand-in that answers
 * like huggingface.co) into a huggingface_hub-layout cache, and later runs work offline from that cache.
 */
class HubModelProcessTest {
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aHubModelIsDownloadedOnceThenUsedOffline(@TempDir Path tmp) throws Exception {
        Path local = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, tmp.resolve("convert"), ConversionListener.NONE);
        try (FakeHub hub = new FakeHub()) {
            hub.repo("acme/minilm", COMMIT)
                    .file("config.json", Files.readString(local.resolve("config.json")))
                    .file("tokenizer.json", Files.readString(local.resolve("tokenizer.json")))
                    .file("modules.json", Files.readString(local.resolve("modules.json")))
                    .file("1_Pooling/config.json", Files.readString(local.resolve("1_Pooling/config.json")))
                    .lfs("model.safetensors", Files.readAllBytes(local.resolve("model.safetensors")));
            Path hfHome = tmp.resolve("hf");
            Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint().toString(), "HF_HOME", hfHome.toString());

            DefaultModelProcessTest.Result online = DefaultModelProcessTest.bert4j(tmp, env,
                    "embed", "--model", "acme/minilm", "Hello from the Hub.");
            assertThat(online.status()).as(online.err()).isZero();
            assertThat(online.err()).contains("Downloading acme/minilm model.safetensors");
            Path snapshot = hfHome.resolve("hub/models--acme--minilm/snapshots").resolve(COMMIT);
            assertThat(Files.isSymbolicLink(snapshot.resolve("model.safetensors"))).isTrue();
            assertThat(Files.readString(hfHome.resolve("hub/models--acme--minilm/refs/main"))).isEqualTo(COMMIT);

            DefaultModelProcessTest.Result direct = DefaultModelProcessTest.bert4j(tmp, Map.of(),
                    "embed", "--model", local.toString(), "Hello from the Hub.");
            assertThat(online.out()).isEqualTo(direct.out());

            Map<String, String> offline = Map.of("HF_ENDPOINT", "http://127.0.0.1:9", "HF_HOME", hfHome.toString(),
                    "HF_HUB_OFFLINE", "1");
            DefaultModelProcessTest.Result again = DefaultModelProcessTest.bert4j(tmp, offline,
                    "embed", "--model", "acme/minilm", "Hello from the Hub.");
            assertThat(again.status()).as(again.err()).isZero();
            assertThat(again.out()).isEqualTo(online.out());

            DefaultModelProcessTest.Result missing = DefaultModelProcessTest.bert4j(tmp, offline,
                    "embed", "--model", "acme/other", "x");
            assertThat(missing.status()).isEqualTo(2);
            assertThat(missing.err()).contains("acme/other").contains("offline");
        }
    }
}
