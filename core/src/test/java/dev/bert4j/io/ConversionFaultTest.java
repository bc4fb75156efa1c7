package dev.bert4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversions as real processes: several first runs at once on one fresh cache (two terminals, parallel
 * CI jobs) all succeed, and a run killed with SIGKILL at a random point is recovered by the next one,
 * which leaves no temporary folder behind.
 */
@Timeout(240)
class ConversionFaultTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void concurrentFirstRunsOnOneCacheAllSucceed(int runs) throws Exception {
        Path cache = dir.resolve("cache");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            children.add(ChildJvm.start(dir.resolve("run" + i + ".log"), "default", cache.toString(), "minilm"));
        }
        Path target = cache.resolve("models/minilm");
        for (int i = 0; i < runs; i++) {
            assertThat(children.get(i).waitFor(200, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("run" + i + ".log"), StandardCharsets.UTF_8);
            assertThat(children.get(i).exitValue()).as(log).isZero();
            assertThat(log).contains(target.toString());
        }
        assertThat(DefaultModels.isComplete(target)).isTrue();
        assertThat(list(target.getParent())).containsExactly("minilm");
    }

    @Test
    void twoFirstRunsOfOneOnnxFileConvertItOnce() throws Exception {
        Path onnx = onnxFile();
        Path cache = dir.resolve("cache");
        Process a = ChildJvm.start(dir.resolve("a.log"), "resolve", cache.toString(), onnx.toString());
        Process b = ChildJvm.start(dir.resolve("b.log"), "resolve", cache.toString(), onnx.toString());
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(200, TimeUnit.SECONDS)).isTrue();
        }
        String logA = Files.readString(dir.resolve("a.log"));
        String logB = Files.readString(dir.resolve("b.log"));
        assertThat(a.exitValue()).as(logA).isZero();
        assertThat(b.exitValue()).as(logB).isZero();
        assertThat(logA.strip()).isEqualTo(logB.strip());
        assertThat(list(cache.resolve("converted"))).hasSize(1).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void aConversionKilledAtRandomPointsIsRecoveredWithoutLeftovers() throws Exception {
        Path cache = dir.resolve("cache");
        Path models = cache.resolve("models");
        Random random = new Random(14);
        for (int kill = 0; kill < 3; kill++) {
            Process p = ChildJvm.start(dir.resolve("kill" + kill + ".log"), "default", cache.toString(), "minilm");
            awaitStaging(p, models);
            Thread.sleep(random.nextInt(1500));
            p.destroyForcibly().waitFor();                      // SIGKILL: no shutdown hooks, no finally
            if (Files.exists(models.resolve("minilm"))) {
                assertThat(DefaultModels.isComplete(models.resolve("minilm"))).isTrue();
                break;
            }
        }
        Path target = DefaultModels.ensure(ChildJvm.model("minilm"), cache, ConversionListener.NONE);
        assertThat(DefaultModels.isComplete(target)).isTrue();
        assertThat(list(models)).containsExactly("minilm");
    }

    @Test
    void aKilledConvertOutIsRerunWithoutLeftovers() throws Exception {
        Path onnx = onnxFile();
        Path out = dir.resolve("work/my-model");
        Process p = ChildJvm.start(dir.resolve("kill.log"), "onnx", onnx.toString(), out.toString());
        awaitStaging(p, out.getParent());
        Thread.sleep(new Random(15).nextInt(800));
        p.destroyForcibly().waitFor();
        if (!Files.exists(out)) {
            Process rerun = ChildJvm.start(dir.resolve("rerun.log"), "onnx", onnx.toString(), out.toString());
            assertThat(rerun.waitFor(200, TimeUnit.SECONDS)).isTrue();
            assertThat(rerun.exitValue()).as(Files.readString(dir.resolve("rerun.log"))).isZero();
        }
        assertThat(OnnxConversion.isConverted(out)).isTrue();
        assertThat(list(out.getParent())).containsExactly("my-model");
    }

    /** Waits until the child has created its staging folder (or has ended). */
    private static void awaitStaging(Process p, Path parent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline
                && (!Files.isDirectory(parent) || list(parent).stream().noneMatch(n -> n.contains(".tmp-")))) {
            Thread.sleep(10);
        }
    }

    private Path onnxFile() throws IOException {
        Path onnx = Files.createDirectories(dir.resolve("export")).resolve("model.onnx");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            Files.copy(in, onnx);
        }
        return onnx;
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
