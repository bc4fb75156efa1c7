package dev.bert4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a Hugging Face model directory (config, safetensors, tokenizer, sentence-transformers extras). */
public final class ModelDirectoryWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelDirectoryWriter() {
    }

    /**
     * @param tokenizerJson the bytes of {@code tokenizer.json}, written when not null
     * @param st            sentence-transformers extras written when not null (Dense modules are not written)
     */
    public static void write(Path dir, BertConfig config, Map<String, Tensor> weights, byte[] tokenizerJson,
                             SentenceTransformersConfig st) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelDirectory.CONFIG), config.toJson());
            SafetensorsWriter.write(dir.resolve(ModelDirectory.WEIGHTS), weights, Map.of("format", "pt"));
            if (tokenizerJson != null) {
                Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
            }
            if (st != null) {
                writeSentenceTransformers(dir, config, st);
            }
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot write model directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeSentenceTransformers(Path dir, BertConfig config, SentenceTransformersConfig st)
            throws IOException {
        if (!st.dense().isEmpty()) {
            throw new ModelDirectoryException("writing Dense modules is not supported yet");
        }
        ArrayNode modules = JSON.createArrayNode();
        module(modules, 0, "", "Transformer");
        module(modules, 1, "1_Pooling", "Pooling");
        if (st.normalize()) {
            module(modules, 2, "2_Normalize", "Normalize");
            Files.createDirectories(dir.resolve("2_Normalize"));
        }
        Files.writeString(dir.resolve("modules.json"), JSON.writeValueAsString(modules));
        ObjectNode pooling = JSON.createObjectNode();
        pooling.put("word_embedding_dimension", config.hiddenSize());
        for (PoolingMode m : PoolingMode.values()) {
            pooling.put(m.configKey(), st.poolingModes().contains(m));
        }
        pooling.put("include_prompt", true);
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), JSON.writeValueAsString(pooling));
        if (st.maxSeqLength() != null) {
            Map<String, Object> sbert = new LinkedHashMap<>();
            sbert.put("max_seq_length", st.maxSeqLength());
            sbert.put("do_lower_case", false);
            Files.writeString(dir.resolve("sentence_bert_config.json"), JSON.writeValueAsString(sbert));
        }
    }

    private static void module(ArrayNode modules, int idx, String path, String type) {
        ObjectNode m = modules.addObject();
        m.put("idx", idx);
        m.put("name", Integer.toString(idx));
        m.put("path", path);
        m.put("type", "sentence_transformers.models." + type);
    }
}
