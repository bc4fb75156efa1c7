package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.train.TinyModels;
import dev.bert4j.train.TrainerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train} and {@code eval} as a user runs them: options, output, errors, and a run killed with SIGKILL and resumed. */
class TrainCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path train;
    static Path eval;

    @BeforeAll
    static void setUp() throws Exception {
        model = TinyModels.write(dir.resolve("tiny"));
        train = Files.write(dir.resolve("train.jsonl"), TrainerTest.reviews(160, 1));
        eval = Files.write(dir.resolve("eval.jsonl"), TrainerTest.reviews(40, 2));
    }

    private static String[] train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "text-classification", "--model",
                model.toString(), "--train", train.toString(), "--eval", eval.toString(), "--out", out.toString(),
                "--learning-rate", "3e-3", "--max-length", "32", "--seed", "9", "--threads", "2", "-q"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsThenEvalAndClassifyRunOnTheOutput() {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run(train(out, "--epochs", "6"));
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode summary = run.json();
        assertThat(summary.get("steps").asLong()).isEqualTo(60);
        assertThat(summary.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(run.err()).contains("new weights, initialized").contains("eval");
        CliRun ev = CliRun.run("eval", "--task", "text-classification", "--model", out.toString(), "--data",
                eval.toString(), "--max-length", "32", "-q");
        assertThat(ev.status()).as(ev.err()).isZero();
        assertThat(ev.json().get("accuracy").asDouble()).isEqualTo(summary.get("metrics").get("accuracy").asDouble());
        CliRun cls = CliRun.run("classify", "--model", out.toString(), "-q", "the plot was excellent");
        assertThat(cls.status()).as(cls.err()).isZero();
        assertThat(cls.json().get(0).get("label").asText()).isEqualTo("pos");
    }

    @Test
    void badInputIsOneLineAndExitStatusTwo() throws Exception {
        Path unknown = Files.writeString(dir.resolve("bad-eval.jsonl"), "{\"text\": \"x\", \"label\": \"meh\"}\n");
        CliRun r = CliRun.run("train", "--task", "text-classification", "--model", model.toString(), "--train",
                train.toString(), "--eval", unknown.toString(), "--out", dir.resolve("x").toString(), "-q");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("meh");
        assertThat(dir.resolve("x")).doesNotExist();
        Path malformed = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"a\", \"label\": \"pos\"}\n{oops\n");
        r = CliRun.run("train", "--task", "text-classification", "--model", model.toString(), "--train",
                malformed.toString(), "--out", dir.resolve("y").toString(), "-q");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("line 2");
        r = CliRun.run("train", "--task", "summarization", "--model", model.toString(), "--train", train.toString(),
                "--out", dir.resolve("z").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("text-classification");
        Path done = dir.resolve("done");
        assertThat(CliRun.run(train(done, "--max-steps", "2")).status()).isZero();
        r = CliRun.run("train", "--task", "token-classification", "--model", model.toString(), "--train",
                train.toString(), "--out", done.toString(), "--resume", "-q");
        assertThat(r.status()).isEqualTo(2);
        r = CliRun.run(train(done, "--max-steps", "2"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("already holds a training run");
    }

    @Test
    void aRunKilledWithSigkillResumesAlongTheSameCurve() throws Exception {
        Path straight = dir.resolve("straight");
        assertThat(CliRun.run(train(straight, "--epochs", "30", "--save-steps", "5")).status()).isZero();
        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                Bert4jCommand.class.getName()));
        command.addAll(List.of(train(killed, "--epochs", "30", "--save-steps", "5")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.isDirectory(killed.resolve("checkpoint-20")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("still running when killed").isTrue();
        p.destroyForcibly().waitFor();                                     // SIGKILL, no shutdown hooks
        assertThat(killed.resolve("model.safetensors")).doesNotExist();
        CliRun resumed = CliRun.run(train(killed, "--epochs", "30", "--save-steps", "5", "--resume"));
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming from");
        assertThat(Files.readAllBytes(killed.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
        assertThat(Files.readString(killed.resolve("curves.csv"), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(straight.resolve("curves.csv"), StandardCharsets.UTF_8));
    }
}
