package dev.bert4j.io;

import dev.bert4j.hub.DownloadListener;
import dev.bert4j.hub.HubOfflineException;
import dev.bert4j.hub.HubSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every form of {@code --model}: default, local directory, ONNX file, built-in name, Hub id (offline cache). */
class ModelResolverTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    static Path root;
    static Path converted;

    @BeforeAll
    static void convertDefault() {
        converted = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
    }

    private static ModelResolver resolver(Map<String, String> env, ConversionListener conversions) {
        return new ModelResolver(HubSettings.fromEnvironment(env), root.resolve("cache"), conversions,
                DownloadListener.NONE);
    }

    @Test
    void nothingMeansTheEmbeddedDefaultAndBuiltInNamesAreFound() {
        ModelResolver r = resolver(Map.of(), ConversionListener.NONE);
        assertThat(r.directory(null)).isEqualTo(converted);
        assertThat(r.directory("all-MiniLM-L6-v2")).isEqualTo(converted);
        assertThat(r.directory("ALL-minilm-l6-v2")).isEqualTo(converted);
        assertThat(ModelResolver.builtIn("bge-small-en-v1.5")).isPresent();   // its jar is on the test class path
        assertThat(ModelResolver.builtIn("bert-base-uncased")).isEmpty();
    }

    @Test
    void aLocalDirectoryIsUsedAsItIs() {
        assertThat(resolver(Map.of(), ConversionListener.NONE).directory(converted.toString())).isEqualTo(converted);
    }

    @Test
    void anOnnxFileIsConvertedOnceIntoTheCache() throws IOException {
        Path export = Files.createDirectories(root.resolve("export/onnx"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            Files.copy(in, export.resolve("model.onnx"));
        }
        Files.copy(converted.resolve("tokenizer.json"), root.resolve("export/tokenizer.json"));
        AtomicInteger conversions = new AtomicInteger();
        ConversionListener counting = (stage, done, total) -> {
            if (stage == ConversionListener.Stage.DONE) {
                conversions.incrementAndGet();
            }
        };
        Path first = resolver(Map.of(), counting).directory(export.resolve("model.onnx").toString());
        assertThat(first.resolve("tokenizer.json")).exists();   // found one folder up, as in Hub exports
        assertThat(ModelDirectory.open(first).loadWeights().keySet())
                .isEqualTo(ModelDirectory.open(converted).loadWeights().keySet());
        Path second = resolver(Map.of(), counting).directory(export.resolve("model.onnx").toString());
        assertThat(second).isEqualTo(first);
        assertThat(conversions.get()).isEqualTo(1);
    }

    @Test
    void aHubIdIsFoundInACacheLaidOutByHuggingfaceHubWithoutNetwork() throws Exception {
        Path hubCache = root.resolve("hf/hub");
        Path repo = hubCache.resolve("models--sentence-transformers--all-MiniLM-L6-v2");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
        Files.createDirectories(repo.resolve("blobs"));
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "modules.json",
                "1_Pooling/config.json", "2_Normalize/.keep")) {
            Path source = converted.resolve(file);
            if (!Files.exists(source)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(source);
            String etag = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Files.write(repo.resolve("blobs").resolve(etag), bytes);
            Path link = snapshot.resolve(file);
            Files.createDirectories(link.getParent());
            String up = file.contains("/") ? "../../../blobs/" : "../../blobs/";
            Files.createSymbolicLink(link, Path.of(up + etag));
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        Map<String, String> env = Map.of("HF_HUB_CACHE", hubCache.toString(), "HF_HUB_OFFLINE", "1",
                "HF_ENDPOINT", "http://127.0.0.1:9");
        Path dir = resolver(env, ConversionListener.NONE).directory("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(dir).isEqualTo(snapshot);
        assertThat(ModelDirectory.open(dir).loadWeights()).hasSameSizeAs(ModelDirectory.open(converted).loadWeights());

        assertThatThrownBy(() -> resolver(env, ConversionListener.NONE).directory("google-bert/bert-base-uncased"))
                .isInstanceOf(HubOfflineException.class).hasMessageContaining("config.json");
    }

    @Test
    void whatIsNeitherFileNorNameNorIdIsAClearError() {
        ModelResolver r = resolver(Map.of("HF_HUB_OFFLINE", "1", "HF_HUB_CACHE", root.resolve("empty").toString()),
                ConversionListener.NONE);
        assertThatThrownBy(() -> r.directory("./no/such/folder"))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("no such file or directory");
        assertThatThrownBy(() -> r.directory("not a model id!"))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("Hugging Face Hub id")
                .hasMessageContaining("all-MiniLM-L6-v2");
        assertThatThrownBy(() -> r.directory(converted.resolve("config.json").toString()))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("not an ONNX export");
    }
}
