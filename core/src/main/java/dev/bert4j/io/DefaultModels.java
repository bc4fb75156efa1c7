package dev.bert4j.io;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Converts an {@link EmbeddedModel} once into a user cache directory and hands back its path.
 *
 * <p>Atomic: the model is written into a fresh temporary sibling folder, a marker file is written last,
 * and the folder is renamed into place in one step ({@link StagingFolder}). A folder without a matching
 * marker (left by an older format or copied by hand) is removed and converted again, so an interrupted
 * run never leaves a cache entry that later loads as broken, and the staging folders of killed runs are
 * removed by the next one. Two processes converting at once both succeed; the loser of the rename
 * discards its copy.
 */
public final class DefaultModels {
    /** Bump when the converted layout changes, so old cache entries are rebuilt. */
    static final String FORMAT = "bert4j-convert-1";
    static final String MARKER = ".bert4j-complete";

    private DefaultModels() {
    }

    /** {@code $XDG_CACHE_HOME/bert4j}, else {@code ~/.cache/bert4j}, from an explicit environment. */
    public static Path cacheRoot(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
        return base.resolve("bert4j");
    }

    /** {@link #cacheRoot(Map, Path)} for this process's environment and {@code user.home}. */
    public static Path cacheRoot() {
        return cacheRoot(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The converted directory of {@code model} under {@code cacheRoot} when a finished conversion is already there;
     * empty when {@link #ensure} would still have to convert it. Reads only, never converts or cleans up.
     */
    public static java.util.Optional<Path> converted(EmbeddedModel model, Path cacheRoot) {
        Path target = directory(model, cacheRoot);
        return isComplete(target) ? java.util.Optional.of(target) : java.util.Optional.empty();
    }

    /** The converted directory of {@code model} under {@code cacheRoot}, converting it first if needed. */
    public static Path ensure(EmbeddedModel model, Path cacheRoot, ConversionListener listener) {
        Path target = directory(model, cacheRoot);
        try {
            StagingFolder.removeStale(target);          // left by runs killed before they finished
            if (isComplete(target)) {
                listener.progress(ConversionListener.Stage.DONE, 1, 1);
                return target;
            }
            Files.createDirectories(target.getParent());
            if (Files.exists(target) && !isComplete(target)) {
                deleteTree(target);          // left by an older format or by hand; never by an interrupted run
            }
            try (StagingFolder tmp = StagingFolder.create(target)) {
                byte[] onnx = resource(model.onnxResource(), listener);
                convertInto(tmp.path(), model, onnx, listener);
                Files.writeString(tmp.path().resolve(MARKER), FORMAT + "\n" + onnx.length + "\n");
                tmp.moveIntoPlace(DefaultModels::isComplete);    // false: another process won, its copy is used
            }
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot write the converted model under " + cacheRoot + ": "
                    + e.getMessage() + "; set XDG_CACHE_HOME to a writable folder", e);
        }
        listener.progress(ConversionListener.Stage.DONE, 1, 1);
        return target;
    }

    /** Where the converted {@code model} lives under {@code cacheRoot}, whether or not it is there. */
    private static Path directory(EmbeddedModel model, Path cacheRoot) {
        return cacheRoot.resolve("models").resolve(model.name());
    }

    private static void convertInto(Path dir, EmbeddedModel model, byte[] onnx, ConversionListener listener) {
        listener.progress(ConversionListener.Stage.IMPORTING, 0, 1);
        ImportedBert imported = OnnxBertImporter.importBytes(onnx);
        listener.progress(ConversionListener.Stage.IMPORTING, 1, 1);
        listener.progress(ConversionListener.Stage.WRITING, 0, 1);
        byte[] tokenizer = resource(model.tokenizerResource(), ConversionListener.NONE);
        ModelDirectoryWriter.write(dir, imported.config(), imported.weights(), tokenizer,
                model.sentenceTransformers());
        listener.progress(ConversionListener.Stage.WRITING, 1, 1);
    }

    static boolean isComplete(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).startsWith(FORMAT + "\n")
                    && Files.exists(dir.resolve(ModelDirectory.CONFIG)) && Files.exists(dir.resolve(ModelDirectory.WEIGHTS));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] resource(String name, ConversionListener listener) {
        try (InputStream in = DefaultModels.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelDirectoryException("classpath resource '" + name + "' not found; the jar that "
                        + "ships this model is missing from the classpath");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] buf = new byte[1 << 20];
            long done = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                listener.progress(ConversionListener.Stage.READING, done, -1);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        StagingFolder.deleteTree(dir);
    }
}
