package dev.bert4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training killed with SIGKILL while it writes a checkpoint: the resumed run finishes, every checkpoint
 * left is complete, and no temporary folder of the killed run remains.
 */
@Timeout(240)
class CheckpointFaultTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledWhileCheckpointingResumesAndLeavesNoTemporaryFolder() throws Exception {
        Path model = TinyModels.write(dir.resolve("tiny"));
        Path train = Files.write(dir.resolve("train.jsonl"), TrainerTest.reviews(64, 1));
        Path eval = Files.write(dir.resolve("eval.jsonl"), TrainerTest.reviews(16, 2));
        Path out = killedMidCheckpoint(model, train, eval);

        FineTuning.Result result = FineTuning.run(CheckpointChild.request(out, model, train, eval, true),
                new TrainingListener() { });
        assertThat(result.steps()).isEqualTo(24);
        assertThat(names(out)).noneMatch(n -> n.startsWith("."));
        for (String name : names(out)) {
            if (name.startsWith(Checkpoints.PREFIX)) {
                assertThat(Checkpoints.readOptimizer(out.resolve(name)).steps()).isPositive();
            }
        }
    }

    /**
     * Starts a training child and kills it (SIGKILL) as soon as it is writing a checkpoint while an earlier one
     * exists; returns its output folder with the half-written checkpoint. On a fast machine the write may finish
     * between seeing it and the kill, so up to {@link #ATTEMPTS} children are tried, each in a fresh folder (five
     * were not always enough on a quiet 2-core machine).
     */
    private static final int ATTEMPTS = 20;

    private Path killedMidCheckpoint(Path model, Path train, Path eval) throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path out = dir.resolve("run-" + attempt);
            Path log = dir.resolve("child-" + attempt + ".log");
            Process p = CheckpointChild.start(log, out.toString(), model.toString(), train.toString(),
                    eval.toString(), "fresh");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && !writingACheckpoint(out)) {
                Thread.onSpinWait();
            }
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            p.destroyForcibly().waitFor();                      // SIGKILL in the middle of a checkpoint write
            if (names(out).stream().anyMatch(n -> n.contains(".tmp-"))) {
                return out;
            }
        }
        throw new AssertionError("in " + ATTEMPTS + " tries the kill never landed while a checkpoint was being written");
    }

    private static boolean writingACheckpoint(Path out) {
        try {
            List<String> names = Files.isDirectory(out) ? names(out) : List.of();
            return names.stream().anyMatch(n -> n.startsWith(Checkpoints.PREFIX))            // one to resume from
                    && names.stream().anyMatch(n -> n.contains(".tmp-") && n.contains(Checkpoints.PREFIX));
        } catch (Exception e) {
            return false;                                       // listed while a folder was being renamed
        }
    }

    private static List<String> names(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
