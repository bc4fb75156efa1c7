package dev.bert4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bert4j.io.UntrustedSizes;
import dev.bert4j.kernels.Activation;
import dev.bert4j.kernels.UnsupportedActivationException;
import dev.bert4j.tokenizers.JsonTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hugging Face {@code BertConfig}: every key of {@code config.json} a BERT checkpoint uses, with
 * the transformers defaults (all in {@link #defaults()}). Instances are validated on creation.
 *
 * @param classifierDropout null when absent (heads then use {@code hiddenDropoutProb})
 * @param problemType       null when absent
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double initializerRange,
        double layerNormEps,
        String positionEmbeddingType,
        int padTokenId,
        Double classifierDropout,
        Map<Integer, String> id2label,
        Map<String, Integer> label2id,
        String problemType,
        List<String> architectures,
        String modelType) {

    /** Writes config.json; in a holder so that reading a config never sets up an {@code ObjectMapper} (see {@link JsonTrees}). */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public BertConfig {
        id2label = id2label == null ? Map.of() : Map.copyOf(id2label);
        label2id = label2id == null ? Map.of() : Map.copyOf(label2id);
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        modelType = modelType == null ? "bert" : modelType;
        validate(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                maxPositionEmbeddings, typeVocabSize);
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (classifierDropout != null) {
            requireProbability("classifier_dropout", classifierDropout);
        }
        if (!(layerNormEps > 0) || !Double.isFinite(layerNormEps)) {
            throw new BertConfigException("layer_norm_eps must be a small positive number, got " + layerNormEps);
        }
        try {
            Activation.fromHiddenAct(hiddenAct);
        } catch (UnsupportedActivationException e) {
            throw new BertConfigException(e.getMessage());
        }
        if (!"absolute".equals(positionEmbeddingType)) {
            throw new BertConfigException("position_embedding_type '" + positionEmbeddingType
                    + "' is not supported; bert4j implements 'absolute' position embeddings only");
        }
        if (padTokenId < 0 || padTokenId >= vocabSize) {
            throw new BertConfigException("pad_token_id " + padTokenId + " is outside the vocabulary [0, "
                    + vocabSize + ")");
        }
    }

    /** The transformers defaults ({@code BertConfig()}): bert-base-uncased's shape. */
    public static BertConfig defaults() {
        return new BertConfig(30522, 768, 12, 12, 3072, "gelu", 0.1, 0.1, 512, 2, 0.02, 1e-12,
                "absolute", 0, null, Map.of(), Map.of(), null, List.of(), "bert");
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    public Activation activation() {
        return Activation.fromHiddenAct(hiddenAct);
    }

    private static void validate(int vocab, int hidden, int layers, int heads, int inter, int maxPos, int types) {
        requirePositive("vocab_size", vocab);
        requirePositive("hidden_size", hidden);
        requirePositive("num_hidden_layers", layers);
        requirePositive("num_attention_heads", heads);
        requirePositive("intermediate_size", inter);
        requirePositive("max_position_embeddings", maxPos);
        requirePositive("type_vocab_size", types);
        if (hidden % heads != 0) {
            throw new BertConfigException("hidden_size " + hidden + " is not divisible by num_attention_heads "
                    + heads + "; each head must get hidden_size / num_attention_heads features");
        }
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new BertConfigException(key + " must be positive, got " + value);
        }
    }

    private static void requireProbability(String key, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new BertConfigException(key + " must be in [0, 1), got " + p);
        }
    }

    /** Reads {@code config.json}, within the side-file limit of {@link UntrustedSizes}. */
    public static BertConfig fromFile(Path file) {
        try {
            return fromJson(new String(UntrustedSizes.readJsonSideFile(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BertConfigException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (BertConfigException e) {
            throw new BertConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static BertConfig fromJson(String json) {
        JsonNode root;
        try {
            root = JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            throw new BertConfigException("config.json is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BertConfigException("config.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BertConfigException("config.json must hold a JSON object");
        }
        return BertConfigJson.parse(root, defaults());
    }

    /** This config as {@code config.json} text, HF key names. */
    public String toJson() {
        ObjectNode o = BertConfigJson.write(this, Writer.JSON);
        try {
            return Writer.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public BertConfig withLabels(Map<Integer, String> newId2label) {
        Map<String, Integer> inverse = new LinkedHashMap<>();
        newId2label.forEach((k, v) -> inverse.put(v, k));
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                hiddenAct, hiddenDropoutProb, attentionProbsDropoutProb, maxPositionEmbeddings, typeVocabSize,
                initializerRange, layerNormEps, positionEmbeddingType, padTokenId, classifierDropout,
                newId2label, inverse, problemType, architectures, modelType);
    }
}
