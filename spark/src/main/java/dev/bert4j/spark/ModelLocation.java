package dev.bert4j.spark;

import dev.bert4j.io.ModelDirectoryException;
import dev.bert4j.io.ModelResolver;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an executor finds the model a stage names. In order:
 * <ol>
 *   <li>blank: the embedded default model (all-MiniLM-L6-v2), converted once into the executor's bert4j cache;
 *   <li>a path that exists on the executor: a model directory (memory-mapped) or an ONNX export, as for the
 *       command line. On YARN and Kubernetes, files shipped with {@code --files} or {@code --archives model.zip#m}
 *       sit in the executor's working directory, so a relative name such as {@code m} is found here;
 *   <li>a name added with {@code SparkContext.addFile(path, true)}: found under {@link SparkFiles#getRootDirectory()};
 *   <li>otherwise what {@link ModelResolver} accepts: a built-in name or a Hugging Face Hub id (downloaded into
 *       the executor's Hub cache; set {@code HF_HUB_OFFLINE=1} where executors have no network).
 * </ol>
 */
public final class ModelLocation {
    private ModelLocation() {
    }

    /** The model directory for {@code spec} on this JVM. */
    public static Path directory(String spec) {
        if (spec == null || spec.isBlank()) {
            return ModelResolver.fromEnvironment().directory(null);
        }
        if (Files.exists(Path.of(spec))) {
            return ModelResolver.fromEnvironment().directory(spec);
        }
        Path shipped = shipped(spec);
        if (shipped != null) {
            return ModelResolver.fromEnvironment().directory(shipped.toString());
        }
        try {
            return ModelResolver.fromEnvironment().directory(spec);
        } catch (ModelDirectoryException e) {
            throw new ModelDirectoryException("modelPath '" + spec + "' is not on this executor (" + host()
                    + "): give a path every executor sees, ship the model with --files/--archives or"
                    + " SparkContext.addFile, or use a built-in name or Hub id. " + e.getMessage(), e);
        }
    }

    /** The file shipped under {@code name} with SparkContext.addFile, or null. */
    private static Path shipped(String name) {
        if (SparkEnv.get() == null || name.contains("/")) {
            return null;
        }
        Path p = Path.of(SparkFiles.getRootDirectory(), name);
        return Files.exists(p) ? p : null;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
