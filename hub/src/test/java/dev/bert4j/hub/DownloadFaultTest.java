package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Downloads as real processes: killed with SIGKILL at random points and rerun, they resume, keep what was
 * finished and leave no temporary file; several first runs at once on one fresh cache all succeed.
 */
@Timeout(120)
class DownloadFaultTest {
    static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path dir;
    FakeHub hub;
    byte[] weights;
    Path cache;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        weights = new byte[2_000_000];
        new Random(14).nextBytes(weights);
        hub.repo("org/kill-bert", COMMIT).file("config.json", "{\"hidden_size\": 8}").lfs("model.safetensors", weights);
        hub.cdnFault(DownloadFaultTest::paced);
        cache = dir.resolve("hf/hub");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** Serves the blob (with Range support) in 50 KB pieces 25 ms apart, so a kill lands mid-transfer. */
    static boolean paced(HttpExchange ex, byte[] content, int request) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        int start = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
        if (range != null) {
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/"
                    + content.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, content.length - start);
        OutputStream out = ex.getResponseBody();
        for (int at = start; at < content.length; at += 50_000) {
            out.write(content, at, Math.min(50_000, content.length - at));
            out.flush();
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        out.close();
        return true;
    }

    @Test
    void aDownloadKilledAtRandomPointsResumesAndLeavesNoTemporaryFile() throws Exception {
        Random random = new Random(9);
        for (int kill = 0; kill < 3; kill++) {
            Process p = DownloadChild.start(dir.resolve("kill" + kill + ".log"), hub.endpoint().toString(),
                    cache.toString(), "org/kill-bert");
            awaitTransfer(p);
            Thread.sleep(random.nextInt(600));
            p.destroyForcibly().waitFor();                      // SIGKILL: no shutdown hooks, no finally
        }
        Process rerun = DownloadChild.start(dir.resolve("rerun.log"), hub.endpoint().toString(), cache.toString(),
                "org/kill-bert");
        assertThat(rerun.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).as(Files.readString(dir.resolve("rerun.log"))).isZero();
        assertComplete();
        assertThat(hub.log()).anyMatch(line -> line.contains("range=bytes="));    // resumed, not restarted
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void concurrentFirstRunsOnOneCacheAllSucceed(int runs) throws Exception {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            children.add(DownloadChild.start(dir.resolve("run" + i + ".log"), hub.endpoint().toString(),
                    cache.toString(), "org/kill-bert"));
        }
        for (int i = 0; i < runs; i++) {
            assertThat(children.get(i).waitFor(100, TimeUnit.SECONDS)).isTrue();
            assertThat(children.get(i).exitValue()).as(Files.readString(dir.resolve("run" + i + ".log"))).isZero();
        }
        assertComplete();
    }

    /** Waits until the child has written part of the blob (or has ended). */
    private void awaitTransfer(Process p) throws Exception {
        Path incomplete = cache.resolve("models--org--kill-bert/blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.isRegularFile(incomplete) && Files.size(incomplete) > 0)) {
            Thread.sleep(10);
        }
    }

    /** The snapshot has both files, the blob is intact, and nothing temporary is left in the repository folder. */
    private void assertComplete() throws IOException {
        Path repo = cache.resolve("models--org--kill-bert");
        Path snapshot = repo.resolve("snapshots").resolve(COMMIT);
        assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(Files.readString(snapshot.resolve("config.json"))).contains("hidden_size");
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
        try (Stream<Path> all = Files.walk(repo)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".incomplete") || n.endsWith(".tmp"));
        }
        try (Stream<Path> links = Files.list(snapshot)) {
            assertThat(links.toList()).allMatch(p -> Files.isSymbolicLink(p) && Files.exists(p)
                    && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        }
    }
}
