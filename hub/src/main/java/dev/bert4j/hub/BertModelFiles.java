package dev.bert4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a BERT model repository, in the formats transformers and sentence-transformers save:
 *
 * <ul>
 *   <li>{@code config.json} (required);
 *   <li>weights, first found of {@code model.safetensors}, {@code model.safetensors.index.json} (+ the
 *       shards its {@code weight_map} names), {@code pytorch_model.bin}, {@code pytorch_model.bin.index.json}
 *       (+ shards) (one is required);
 *   <li>tokenizer files when present: {@code tokenizer.json}, {@code vocab.txt}, {@code tokenizer_config.json},
 *       {@code special_tokens_map.json}, {@code added_tokens.json};
 *   <li>sentence-transformers, when {@code modules.json} is present: {@code sentence_bert_config.json},
 *       {@code config_sentence_transformers.json}, and each module folder's {@code config.json}; a
 *       {@code Dense} module's weights too.
 * </ul>
 */
public final class BertModelFiles implements FileSelection {
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.txt",
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json");
    public static final List<String> SENTENCE_TRANSFORMERS_FILES = List.of("sentence_bert_config.json",
            "config_sentence_transformers.json");
    private static final long MAX_JSON_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void fetch(FileSource source) {
        source.required("config.json");
        fetchWeights(source, "");
        TOKENIZER_FILES.forEach(source::optional);
        Optional<Path> modules = source.optional("modules.json");
        if (modules.isPresent()) {
            SENTENCE_TRANSFORMERS_FILES.forEach(source::optional);
            for (Module module : readModules(modules.get())) {
                if (!module.path().isEmpty()) {
                    source.optional(module.path() + "/config.json");
                    if (module.type().endsWith(".Dense")) {
                        fetchWeights(source, module.path() + "/");
                    }
                }
            }
        }
    }

    /** The weights under {@code prefix} ("" or "2_Dense/"), with the shards of a sharded index. */
    static void fetchWeights(FileSource source, String prefix) {
        Path weights = source.firstOf(List.of(prefix + "model.safetensors", prefix + "model.safetensors.index.json",
                prefix + "pytorch_model.bin", prefix + "pytorch_model.bin.index.json"));
        if (weights.getFileName().toString().endsWith(".index.json")) {
            for (String shard : shardsOf(weights)) {
                source.required(prefix + shard);
            }
        }
    }

    /** The distinct shard files an index's {@code weight_map} names, in order of first mention. */
    public static List<String> shardsOf(Path index) {
        JsonNode map = readJson(index).path("weight_map");
        if (!map.isObject() || map.isEmpty()) {
            throw new HubException(index + " has no \"weight_map\" object naming the shard of each weight");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (var entry : map.properties()) {
            JsonNode shard = entry.getValue();
            if (!shard.isTextual()) {
                throw new HubException(index + ": the shard of weight '" + entry.getKey() + "' is not a file name");
            }
            try {
                shards.add(RepoPath.check(shard.asText()));
            } catch (IllegalArgumentException e) {
                throw new HubException(index + ": weight '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(shards);
    }

    record Module(String path, String type) {}

    static List<Module> readModules(Path modulesJson) {
        JsonNode root = readJson(modulesJson);
        if (!root.isArray()) {
            throw new HubException(modulesJson + " must be a JSON array of sentence-transformers modules");
        }
        List<Module> modules = new ArrayList<>();
        for (JsonNode node : root) {
            String path = node.path("path").asText("");
            String type = node.path("type").asText("");
            if (!path.isEmpty()) {
                try {
                    RepoPath.check(path);
                } catch (IllegalArgumentException e) {
                    throw new HubException(modulesJson + ": module '" + node.path("name").asText("?") + "': "
                            + e.getMessage(), e);
                }
            }
            modules.add(new Module(path, type));
        }
        return modules;
    }

    private static JsonNode readJson(Path file) {
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw new HubException(file + " is larger than " + MAX_JSON_BYTES + " bytes; not a model index");
            }
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new HubException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
    }
}
