package dev.bert4j.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Downloads {@code REPO}'s config.json and model.safetensors from {@code ENDPOINT} into the cache
 * {@code CACHE} in a separate JVM, so tests can run several at once and kill one with SIGKILL.
 * Prints the snapshot folder.
 */
public final class DownloadChild {
    private DownloadChild() {
    }

    public static void main(String[] args) {
        Path cache = Path.of(args[1]);
        HubSettings settings = new HubSettings(URI.create(args[0]), Optional.empty(), false, cache.getParent(), cache,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (HubClient client = new HubClient(settings)) {
            Snapshot s = client.download(HubModelId.parse(args[2]),
                    FileSelection.files(List.of("config.json", "model.safetensors"), List.of()));
            System.out.println(s.folder());
        } catch (RuntimeException e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(2);
        }
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DownloadChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
