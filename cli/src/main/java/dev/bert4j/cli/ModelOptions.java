package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The options every model-running command shares: which model, how many threads, whether to show progress. */
final class ModelOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "M",
            description = "Model directory, ONNX export, built-in name (all-MiniLM-L6-v2, bge-small-en-v1.5)"
                    + " or Hugging Face Hub id [org/]name[@revision].")
    String model;

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads, 1 to 4 per available processor (default: one per processor).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars on standard error.")
    boolean quiet;

    @Option(names = "--progress",
            description = "Show the JSON Lines progress bar even when standard error is not a terminal (not with -q).")
    boolean progress;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The JSON Lines progress bar, as -q, --progress and the error stream say. */
    LinesProgress progress(String task, Bert4jCommand parent) {
        return LinesProgress.of(err(), task, quiet, progress, !quiet && !progress && parent.errIsTerminal());
    }

    /**
     * The model directory; the embedded default model when no {@code --model} was given. Checks {@code --threads}
     * first, so that a bad count fails before a model is downloaded or converted.
     */
    Path directory() {
        ThreadCount.resolve(threads);
        return resolve("--model", model);
    }

    /** The model as the user named it, for titles: {@code --model}, or the embedded default's name. */
    String name() {
        return model == null ? "all-MiniLM-L6-v2" : model;
    }

    /** Resolves another model name the same way as {@code --model} (for options such as {@code --tokenizer}). */
    Path resolve(String option, String spec) {
        ModelFiles.requireNonBlank(option, spec);
        try (Progress progress = new Progress(err(), quiet)) {
            return ModelFiles.resolver(progress).directory(spec);
        }
    }

    /** The model directory of a task command, which needs a model with that task's head. */
    Path taskDirectory(String head) {
        if (model == null) {
            throw new IllegalArgumentException("give --model: this command needs a model with " + head
                    + "; the embedded default (all-MiniLM-L6-v2) is a sentence-embedding model without one");
        }
        return directory();
    }

    ComputeContext context() {
        return ComputeContext.coldStart(ThreadCount.resolve(threads));
    }
}
