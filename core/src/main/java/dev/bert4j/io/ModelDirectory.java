package dev.bert4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.io.safetensors.SafetensorsStateDict;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertModel;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A Hugging Face model directory: {@code config.json}, {@code model.safetensors} (or shards listed in
 * {@code model.safetensors.index.json}), tokenizer files, and the sentence-transformers extras.
 *
 * @param tokenizerJson       {@code tokenizer.json} or null
 * @param vocabTxt            {@code vocab.txt} or null
 * @param sentenceTransformers the extras, or null for a plain transformers directory
 */
public record ModelDirectory(Path dir, BertConfig config, List<Path> weightFiles, Path tokenizerJson, Path vocabTxt,
                             SentenceTransformersConfig sentenceTransformers) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelDirectoryException(dir + " is not a directory; pass a Hugging Face model directory");
        }
        Path config = dir.resolve(CONFIG);
        if (!Files.exists(config)) {
            throw new ModelDirectoryException(dir + " has no config.json; it is not a Hugging Face model directory");
        }
        BertConfig cfg = BertConfig.fromFile(config);
        List<Path> weights = weightFiles(dir);
        Path tok = dir.resolve("tokenizer.json");
        Path vocab = dir.resolve("vocab.txt");
        return new ModelDirectory(dir, cfg, weights, Files.exists(tok) ? tok : null,
                Files.exists(vocab) ? vocab : null, SentenceTransformersReader.read(dir, cfg.hiddenSize()));
    }

    private static List<Path> weightFiles(Path dir) {
        if (Files.exists(dir.resolve(WEIGHTS))) {
            return List.of(dir.resolve(WEIGHTS));
        }
        Path index = dir.resolve(INDEX);
        if (Files.exists(index)) {
            JsonNode map = SentenceTransformersReader.json(index).path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new ModelDirectoryException(index + " has no weight_map");
            }
            Set<Path> files = new LinkedHashSet<>();
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                Path shard = inside(dir, it.next().asText(), index);
                if (!Files.exists(shard)) {
                    throw new ModelDirectoryException(index + " names shard " + shard.getFileName()
                            + " which is missing; the download is incomplete");
                }
                files.add(shard);
            }
            return List.copyOf(files);
        }
        Path checkpoint = PyTorchWeights.find(dir);
        if (checkpoint != null) {
            return List.of(checkpoint);
        }
        throw new ModelDirectoryException(dir + " has no weights: neither " + WEIGHTS + ", " + INDEX + ", "
                + PyTorchWeights.BIN + " nor " + PyTorchWeights.BIN_INDEX);
    }

    /**
     * {@code relative}, a path listed in {@code listedIn}, resolved in {@code dir}: it must be relative, free
     * of {@code ..}, and (when it exists) stay inside {@code dir} after following links, as the Hub refuses.
     */
    static Path inside(Path dir, String relative, Path listedIn) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new ModelDirectoryException(listedIn + " names the path '" + relative + "', which is not a valid path");
        }
        boolean parent = false;
        for (Path part : rel) {
            parent |= part.toString().equals("..");
        }
        if (rel.isAbsolute() || rel.getRoot() != null || parent) {
            throw new ModelDirectoryException(listedIn + " names the path '" + relative + "', which leaves the model "
                    + "directory; module and shard paths must be relative paths inside it, without '..'");
        }
        Path resolved = dir.resolve(rel).normalize();
        // folders must really be inside; a file may be a link, as the Hub cache links snapshot files to blobs
        Path folder = Files.isDirectory(resolved) ? resolved : resolved.getParent();
        try {
            if (Files.exists(folder) && !folder.toRealPath().startsWith(dir.toRealPath())) {
                throw new ModelDirectoryException(listedIn + " names the path '" + relative + "', a link to "
                        + folder.toRealPath() + " outside the model directory; bert4j loads only files inside it");
            }
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot resolve " + resolved + " named in " + listedIn + ": "
                    + e.getMessage(), e);
        }
        return resolved;
    }

    /** Whether {@code weightFile} is a PyTorch checkpoint ({@code .bin} or its sharded index) rather than safetensors. */
    public static boolean isPyTorch(Path weightFile) {
        String name = weightFile.getFileName().toString();
        return name.endsWith(".bin") || name.endsWith(".bin.index.json");
    }

    /**
     * All weights, widened to float32. Non-float entries are allowed only for position-id buffers. A
     * PyTorch checkpoint is read without running anything from it (see {@link PyTorchWeights}).
     */
    public Map<String, Tensor> loadWeights() {
        return withWeights(LinkedHashMap::new);
    }

    /**
     * Runs {@code use} on the weights as a state dict; safetensors weights are widened only as {@code use}
     * takes them (see {@link SafetensorsStateDict}), and the files are closed when it returns.
     */
    public <T> T withWeights(Function<Map<String, Tensor>, T> use) {
        if (weightFiles.size() == 1 && isPyTorch(weightFiles.getFirst())) {
            return use.apply(PyTorchWeights.read(weightFiles.getFirst()));
        }
        try (SafetensorsStateDict weights = SafetensorsStateDict.open(weightFiles)) {
            return use.apply(weights);
        }
    }

    /** The encoder, strictly checked against the config. */
    public BertModel loadModel() {
        return withWeights(weights -> BertModel.fromStateDict(config, weights));
    }
}
