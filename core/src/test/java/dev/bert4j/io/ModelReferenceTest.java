package dev.bert4j.io;

import dev.bert4j.hub.DownloadListener;
import dev.bert4j.hub.HubOfflineException;
import dev.bert4j.hub.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --model org/name@revision} where the revision has slashes: a Hub id, as in from_pretrained. */
class ModelReferenceTest {
    @TempDir
    Path root;

    private ModelResolver offlineResolver() {
        Map<String, String> env = Map.of("HF_HUB_CACHE", root.resolve("hub").toString(), "HF_HUB_OFFLINE", "1",
                "HF_ENDPOINT", "http://127.0.0.1:9", "HOME", root.toString());
        return new ModelResolver(HubSettings.fromEnvironment(env), root.resolve("bert4j"), ConversionListener.NONE,
                DownloadListener.NONE);
    }

    @Test
    void revisionsWithSlashesAreHubRevisionsNotLocalPaths() {
        ModelResolver r = offlineResolver();
        for (String spec : new String[] {"org/name@refs/pr/1", "org/name@feature/x", "bert-base-uncased@refs/pr/7"}) {
            assertThatThrownBy(() -> r.directory(spec)).as(spec)
                    .isInstanceOf(HubOfflineException.class)
                    .hasMessageContaining(spec)
                    .hasMessageContaining("was never downloaded");
        }
        assertThatThrownBy(() -> r.directory("org/name/extra@main")).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("no such file or directory");
    }

    @Test
    void anExistingLocalFolderWinsOverAHubIdOfTheSameShape() throws IOException {
        Path local = Files.createDirectories(root.resolve("org/name@feature/x"));
        assertThat(offlineResolver().directory(local.toString())).isEqualTo(local);
    }
}
