package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user runs it, in its own JVM with its own cache folder: the embedded default
 * model is converted on first use (with progress shown) and reused afterwards.
 */
class DefaultModelProcessTest {

    record Result(int status, String out, String err) {
    }

    @Test
    void firstUseConvertsTheDefaultModelOnceThenReusesIt(@TempDir Path cache) throws Exception {
        Result first = bert4j(cache, "embed", "BERT in pure Java.");
        assertThat(first.status()).as(first.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(first.out());
        assertThat(line.get("embedding")).hasSize(384);
        assertThat(first.err()).contains("Converting");
        Path converted = cache.resolve("bert4j/models/all-MiniLM-L6-v2");
        assertThat(converted.resolve("model.safetensors")).exists();
        assertThat(converted.resolve(".bert4j-complete")).exists();

        Result second = bert4j(cache, "embed", "BERT in pure Java.");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).doesNotContain("Converting");
    }

    @Test
    void aBrokenCacheEntryIsRebuiltNotLoaded(@TempDir Path cache) throws Exception {
        Path entry = Files.createDirectories(cache.resolve("bert4j/models/all-MiniLM-L6-v2"));
        Files.writeString(entry.resolve("config.json"), "{\"hidden_size\": 384");   // an interrupted copy
        Result rebuilt = bert4j(cache, "embed", "still works");
        assertThat(rebuilt.status()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.err()).as("the rebuild is shown").contains("Converting");
        assertThat(entry.resolve(".bert4j-complete")).exists();
        JsonNode config = new ObjectMapper().readTree(Files.readString(entry.resolve("config.json")));
        assertThat(config.get("hidden_size").asInt()).isEqualTo(384);
        assertThat(new ObjectMapper().readTree(rebuilt.out()).get("embedding")).hasSize(384);

        Files.delete(entry.resolve(".bert4j-complete"));                               // broken again, then quietly
        Files.writeString(entry.resolve("config.json"), "{\"hidden_size\": 384");
        Result quiet = bert4j(cache, "embed", "--quiet", "still works");
        assertThat(entry.resolve(".bert4j-complete")).exists();
        assertThat(quiet.status()).as(quiet.err()).isZero();
        assertThat(quiet.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
                .as("--quiet prints nothing on standard error but the JVM's own incubator notice").isEmpty();
        assertThat(quiet.out()).isEqualTo(rebuilt.out());
    }

    private static Result bert4j(Path cache, String... args) throws IOException, InterruptedException {
        return bert4j(cache, java.util.Map.of(), args);
    }

    static Result bert4j(Path cache, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Bert4jCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(cache, "out", ".txt");
        Path err = Files.createTempFile(cache, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bert4j did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
