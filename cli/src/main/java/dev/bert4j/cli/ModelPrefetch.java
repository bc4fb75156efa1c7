package dev.bert4j.cli;

import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.pipeline.LoadedModel;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the embedded default model on a second thread while picocli builds and parses the command line (a
 * quarter of a second in a fresh JVM, on one core), for the commands that run it when no {@code --model} is given.
 * A guess from the raw arguments: the command then resolves its model as always and takes the prefetched one only
 * when it is the same directory; when the guess was wrong or the load failed, it loads (and reports errors) itself.
 * The default model must already be converted in the cache: a first run converts it with its progress bar as before.
 */
final class ModelPrefetch {
    /** The commands whose model is the embedded default when {@code --model} is left out. */
    static final Set<String> DEFAULT_MODEL_COMMANDS = Set.of("embed", "similarity", "feature-extraction", "attention");
    static final ModelPrefetch NONE = new ModelPrefetch(null, null);

    private final Path dir;
    private final FutureTask<LoadedModel> load;

    private ModelPrefetch(Path dir, FutureTask<LoadedModel> load) {
        this.dir = dir;
        this.load = load;
    }

    /** Starts loading the default model from {@code cacheRoot} when {@code args} will surely need it; else {@link #NONE}. */
    static ModelPrefetch start(String[] args, Path cacheRoot) {
        if (!usesDefaultModel(args)) {
            return NONE;
        }
        Optional<Path> dir = DefaultModels.converted(EmbeddedModel.ALL_MINILM_L6_V2, cacheRoot);
        if (dir.isEmpty()) {
            return NONE;
        }
        FutureTask<LoadedModel> load = new FutureTask<>(() -> LoadedModel.load(dir.get()));
        Thread.ofPlatform().daemon().name("bert4j-model-prefetch").start(load);
        return new ModelPrefetch(dir.get(), load);
    }

    /** A default-model command with no {@code --model} among its options (those after {@code --} are texts). */
    static boolean usesDefaultModel(String[] args) {
        if (args.length == 0 || !DEFAULT_MODEL_COMMANDS.contains(args[0])) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                return true;
            }
            if (args[i].equals("--model") || args[i].startsWith("--model=")) {
                return false;
            }
        }
        return true;
    }

    /** The model of {@code directory}: the prefetched one when it is that directory and loaded, else a fresh load. */
    LoadedModel load(Path directory) {
        if (load != null && directory.equals(dir)) {
            try {
                return load.get();
            } catch (ExecutionException e) {
                // fall through: the load below reports the error the way every command does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return LoadedModel.load(directory);
    }
}
