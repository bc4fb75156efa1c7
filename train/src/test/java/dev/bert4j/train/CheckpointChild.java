package dev.bert4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tunes the tiny model in a separate JVM ({@code OUT MODEL TRAIN EVAL resume|fresh}), checkpointing
 * every 2 steps, so a test can kill it with SIGKILL while it writes a checkpoint.
 */
public final class CheckpointChild {
    private CheckpointChild() {
    }

    static FineTuning.Request request(Path out, Path model, Path train, Path eval, boolean resume) {
        return new FineTuning.Request(TaskName.TEXT_CLASSIFICATION, model, "tiny", train, eval, out, null, resume,
                TrainerTest.args(6, 2));
    }

    public static void main(String[] args) {
        FineTuning.run(request(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                args[4].equals("resume")), new TrainingListener() { });
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CheckpointChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
