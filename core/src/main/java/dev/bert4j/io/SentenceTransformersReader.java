package dev.bert4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.JsonTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code modules.json} and the module folders it names (Pooling, Dense, Normalize). Paths it names
 * must stay inside the model directory, and values sentence-transformers would refuse are refused here.
 */
final class SentenceTransformersReader {
    private static final String PREFIX = "sentence_transformers.models.";

    private SentenceTransformersReader() {
    }

    /**
     * The extras, or null when the directory has no {@code modules.json}.
     *
     * @param hiddenSize the encoder's {@code hidden_size}, which the Pooling module must agree with
     */
    static SentenceTransformersConfig read(Path dir, int hiddenSize) {
        Path modules = dir.resolve("modules.json");
        if (!Files.exists(modules)) {
            return null;
        }
        JsonNode list = json(modules);
        List<PoolingMode> modes = new ArrayList<>();
        List<DenseModule> dense = new ArrayList<>();
        boolean normalize = false;
        for (JsonNode m : list) {
            String type = m.path("type").asText();
            Path path = ModelDirectory.inside(dir, m.path("path").asText(""), modules);
            switch (type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type) {
                case "Transformer" -> { }
                case "Pooling" -> modes.addAll(pooling(path.resolve("config.json"), hiddenSize));
                case "Dense" -> dense.add(dense(path));
                case "Normalize" -> normalize = true;
                default -> throw new ModelDirectoryException(modules + " names module type '" + type
                        + "' which bert4j does not implement (supported: Transformer, Pooling, Dense, Normalize)");
            }
        }
        if (modes.isEmpty()) {
            throw new ModelDirectoryException(modules + " has no Pooling module; a sentence-transformers model "
                    + "needs one to turn token vectors into a sentence embedding");
        }
        return new SentenceTransformersConfig(modes, normalize, maxSeqLength(dir), dense);
    }

    /** {@code max_seq_length} of {@code sentence_bert_config.json}: null when absent, else a positive integer. */
    private static Integer maxSeqLength(Path dir) {
        Path sbert = dir.resolve("sentence_bert_config.json");
        JsonNode v = Files.exists(sbert) ? json(sbert).get("max_seq_length") : null;
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new ModelDirectoryException(sbert + ": max_seq_length must be a positive integer (the longest "
                    + "input in tokens), got " + v);
        }
        return v.intValue();
    }

    private static List<PoolingMode> pooling(Path config, int hiddenSize) {
        JsonNode o = json(config);
        JsonNode dim = o.get("word_embedding_dimension");
        if (dim != null && !dim.isNull() && (!dim.isIntegralNumber() || dim.longValue() != hiddenSize)) {
            throw new ModelDirectoryException(config + ": word_embedding_dimension is " + dim + " but the model's "
                    + "hidden_size is " + hiddenSize + "; the Pooling module belongs to another model");
        }
        List<PoolingMode> modes = new ArrayList<>();
        for (PoolingMode m : PoolingMode.values()) {
            if (o.path(m.configKey()).asBoolean(false)) {
                modes.add(m);
            }
        }
        if (modes.isEmpty()) {
            throw new ModelDirectoryException(config + " enables no pooling mode");
        }
        return modes;
    }

    private static DenseModule dense(Path dir) {
        JsonNode cfg = json(dir.resolve("config.json"));
        int in = cfg.path("in_features").asInt(-1);
        int out = cfg.path("out_features").asInt(-1);
        boolean hasBias = cfg.path("bias").asBoolean(true);
        String act = cfg.path("activation_function").asText("torch.nn.modules.linear.Identity");
        Path weights = dir.resolve("model.safetensors");
        if (!Files.exists(weights)) {
            throw new ModelDirectoryException(dir + " has no model.safetensors; convert the Dense module's "
                    + "pytorch_model.bin to safetensors first");
        }
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            Tensor w = f.tensor("linear.weight");
            if (!w.hasShape(out, in)) {
                throw new ModelDirectoryException(weights + ": linear.weight has shape " + w.shapeString()
                        + " but config.json says (" + out + ", " + in + ")");
            }
            Tensor b = hasBias ? f.tensor("linear.bias") : null;
            return new DenseModule(w, b, act);
        }
    }

    /** A JSON side file, read within {@link UntrustedSizes#MAX_JSON_SIDE_FILE_BYTES}. */
    static JsonNode json(Path file) {
        try {
            return JsonTrees.read(UntrustedSizes.readJsonSideFile(file));
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
