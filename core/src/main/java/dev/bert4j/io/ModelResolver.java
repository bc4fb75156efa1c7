package dev.bert4j.io;

import dev.bert4j.hub.DownloadListener;
import dev.bert4j.hub.HubClient;
import dev.bert4j.hub.HubModelId;
import dev.bert4j.hub.HubSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user types after {@code --model} into a local Hugging Face model directory. The one
 * place the command line and the Java API resolve models. In order:
 * <ol>
 *   <li>nothing: the embedded default model (all-MiniLM-L6-v2), converted once into the bert4j cache;</li>
 *   <li>an existing local path: a model directory as it is, or an ONNX export (converted once into the
 *       bert4j cache, keyed by the file's SHA-256);</li>
 *   <li>a built-in name ({@code all-MiniLM-L6-v2}, {@code bge-small-en-v1.5} when its jar is on the
 *       class path): that embedded model;</li>
 *   <li>a Hub id {@code [org/]name[@revision]} (the revision may hold slashes, {@code @refs/pr/1}): the
 *       snapshot in the Hugging Face cache, downloaded when missing (honouring {@code HF_HUB_OFFLINE},
 *       {@code HF_TOKEN}, {@code HF_ENDPOINT}).</li>
 * </ol>
 * A single {@code tokenizer.json} is not a model; {@link #isTokenizerFile} lets callers that only
 * tokenize accept one.
 */
public final class ModelResolver {
    /** Models shipped in jars, by the name users type. */
    public static final List<EmbeddedModel> BUILT_IN = List.of(EmbeddedModel.ALL_MINILM_L6_V2,
            EmbeddedModel.BGE_SMALL_EN_V15);

    private final HubSettings hub;
    private final Path cacheRoot;
    private final ConversionListener conversion;
    private final DownloadListener downloads;

    /**
     * @param hub        Hub endpoint, token, cache and offline mode
     * @param cacheRoot  bert4j's own cache (converted models), see {@link DefaultModels#cacheRoot()}
     */
    public ModelResolver(HubSettings hub, Path cacheRoot, ConversionListener conversion, DownloadListener downloads) {
        this.hub = hub;
        this.cacheRoot = cacheRoot;
        this.conversion = conversion;
        this.downloads = downloads;
    }

    /** A resolver for this process's environment, reporting nothing. */
    public static ModelResolver fromEnvironment() {
        return new ModelResolver(HubSettings.fromSystemEnvironment(), DefaultModels.cacheRoot(),
                ConversionListener.NONE, DownloadListener.NONE);
    }

    /** The model directory for {@code spec}; null or blank means the embedded default model. */
    public Path directory(String spec) {
        if (spec == null || spec.isBlank()) {
            return DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cacheRoot, conversion);
        }
        Path local = Path.of(spec);
        if (Files.isDirectory(local)) {
            return local;
        }
        if (Files.isRegularFile(local)) {
            return fromFile(local);
        }
        Optional<EmbeddedModel> builtIn = builtIn(spec);
        if (builtIn.isPresent()) {
            return DefaultModels.ensure(builtIn.get(), cacheRoot, conversion);
        }
        if (looksLikePath(spec)) {
            throw new ModelDirectoryException("--model " + spec + ": no such file or directory");
        }
        HubModelId id;
        try {
            id = HubModelId.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ModelDirectoryException("--model " + spec + " is not a file, a directory, a built-in model ("
                    + builtInNames() + ") or a Hugging Face Hub id: " + e.getMessage(), e);
        }
        try (HubClient client = new HubClient(hub, downloads)) {
            return client.snapshotFor(id);
        }
    }

    /** True for a file whose name says it is a tokenizer, not a model. */
    public static boolean isTokenizerFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** The built-in model called {@code name} (case-insensitive) whose jar is on the class path. */
    public static Optional<EmbeddedModel> builtIn(String name) {
        for (EmbeddedModel model : BUILT_IN) {
            if (model.name().equalsIgnoreCase(name.strip()) && available(model)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    private static boolean available(EmbeddedModel model) {
        return ModelResolver.class.getClassLoader().getResource(model.onnxResource()) != null;
    }

    private static String builtInNames() {
        return String.join(", ", BUILT_IN.stream().filter(ModelResolver::available).map(EmbeddedModel::name).toList());
    }

    /**
     * Whether a reference that names nothing on disk was meant as a path. Only the part before {@code @} is
     * looked at: a revision may hold slashes ({@code org/name@refs/pr/1}, {@code org/name@feature/x}), and
     * such a reference is a Hub id unless a local directory of that name exists, as in transformers'
     * {@code from_pretrained}.
     */
    private static boolean looksLikePath(String spec) {
        String repo = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
        return repo.startsWith(".") || repo.startsWith("/") || repo.startsWith("~") || repo.contains("\\")
                || repo.endsWith(".onnx") || repo.endsWith(".json") || repo.split("/", -1).length > 2;
    }

    private Path fromFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".onnx")) {
            throw new ModelDirectoryException("--model " + file + " is a file but not an ONNX export; "
                    + "pass a model directory, an .onnx file, a built-in name or a Hub id");
        }
        Path out = cacheRoot.resolve("converted").resolve(sha256(file).substring(0, 16));
        try {
            StagingFolder.removeStale(out);             // left by runs killed before they finished
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot clean up the bert4j cache " + out.getParent() + ": "
                    + e.getMessage() + "; set XDG_CACHE_HOME to a writable folder", e);
        }
        if (OnnxConversion.isConverted(out)) {
            return out;
        }
        OnnxConversion.write(file, siblingTokenizer(file), null, out, conversion);
        return out;
    }

    /** {@code tokenizer.json} beside the ONNX file (or one folder up, as in Hub exports under {@code onnx/}). */
    private static Path siblingTokenizer(Path onnx) {
        Path dir = onnx.toAbsolutePath().getParent();
        for (Path candidate : new Path[] {dir.resolve("tokenizer.json"), dir.getParent() == null ? null
                : dir.getParent().resolve("tokenizer.json")}) {
            if (candidate != null && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
