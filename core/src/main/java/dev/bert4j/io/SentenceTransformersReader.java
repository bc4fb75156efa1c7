package dev.bert4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code modules.json} and the module folders it names (Pooling, Dense, Normalize). */
final class SentenceTransformersReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "sentence_transformers.models.";

    private SentenceTransformersReader() {
    }

    /** The extras, or null when the directory has no {@code modules.json}. */
    static SentenceTransformersConfig read(Path dir) {
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
            Path path = dir.resolve(m.path("path").asText(""));
            switch (type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type) {
                case "Transformer" -> { }
                case "Pooling" -> modes.addAll(pooling(path.resolve("config.json")));
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
        Integer maxSeqLength = null;
        Path sbert = dir.resolve("sentence_bert_config.json");
        if (Files.exists(sbert) && json(sbert).hasNonNull("max_seq_length")) {
            maxSeqLength = json(sbert).get("max_seq_length").asInt();
        }
        return new SentenceTransformersConfig(modes, normalize, maxSeqLength, dense);
    }

    private static List<PoolingMode> pooling(Path config) {
        JsonNode o = json(config);
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

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
