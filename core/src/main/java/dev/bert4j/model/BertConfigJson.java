package dev.bert4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the JSON form of {@link BertConfig}, key by key, with type checks. */
final class BertConfigJson {
    private BertConfigJson() {
    }

    static BertConfig parse(JsonNode o, BertConfig d) {
        String modelType = str(o, "model_type", d.modelType());
        if (!modelType.equals("bert")) {
            throw new BertConfigException("model_type '" + modelType + "' is not BERT; bert4j loads model_type "
                    + "'bert' checkpoints");
        }
        Map<Integer, String> id2label = id2label(o);
        Map<String, Integer> label2id = label2id(o);
        List<String> archs = new ArrayList<>();
        if (o.hasNonNull("architectures")) {
            o.get("architectures").forEach(a -> archs.add(a.asText()));
        }
        Double classifierDropout = o.hasNonNull("classifier_dropout") ? num(o, "classifier_dropout", 0) : null;
        return new BertConfig(
                integer(o, "vocab_size", d.vocabSize()),
                integer(o, "hidden_size", d.hiddenSize()),
                integer(o, "num_hidden_layers", d.numHiddenLayers()),
                integer(o, "num_attention_heads", d.numAttentionHeads()),
                integer(o, "intermediate_size", d.intermediateSize()),
                str(o, "hidden_act", d.hiddenAct()),
                num(o, "hidden_dropout_prob", d.hiddenDropoutProb()),
                num(o, "attention_probs_dropout_prob", d.attentionProbsDropoutProb()),
                integer(o, "max_position_embeddings", d.maxPositionEmbeddings()),
                integer(o, "type_vocab_size", d.typeVocabSize()),
                num(o, "initializer_range", d.initializerRange()),
                num(o, "layer_norm_eps", d.layerNormEps()),
                str(o, "position_embedding_type", d.positionEmbeddingType()),
                integer(o, "pad_token_id", d.padTokenId()),
                classifierDropout, id2label, label2id,
                o.hasNonNull("problem_type") ? o.get("problem_type").asText() : null,
                archs, modelType);
    }

    static ObjectNode write(BertConfig c, ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        if (!c.architectures().isEmpty()) {
            c.architectures().forEach(o.putArray("architectures")::add);
        }
        o.put("model_type", c.modelType());
        o.put("vocab_size", c.vocabSize());
        o.put("hidden_size", c.hiddenSize());
        o.put("num_hidden_layers", c.numHiddenLayers());
        o.put("num_attention_heads", c.numAttentionHeads());
        o.put("intermediate_size", c.intermediateSize());
        o.put("hidden_act", c.hiddenAct());
        o.put("hidden_dropout_prob", c.hiddenDropoutProb());
        o.put("attention_probs_dropout_prob", c.attentionProbsDropoutProb());
        o.put("max_position_embeddings", c.maxPositionEmbeddings());
        o.put("type_vocab_size", c.typeVocabSize());
        o.put("initializer_range", c.initializerRange());
        o.put("layer_norm_eps", c.layerNormEps());
        o.put("position_embedding_type", c.positionEmbeddingType());
        o.put("pad_token_id", c.padTokenId());
        if (c.classifierDropout() != null) {
            o.put("classifier_dropout", c.classifierDropout());
        }
        if (!c.id2label().isEmpty()) {
            ObjectNode ids = o.putObject("id2label");
            c.id2label().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> ids.put(Integer.toString(e.getKey()), e.getValue()));
            ObjectNode labels = o.putObject("label2id");
            c.label2id().forEach(labels::put);
        }
        if (c.problemType() != null) {
            o.put("problem_type", c.problemType());
        }
        return o;
    }

    private static Map<Integer, String> id2label(JsonNode o) {
        Map<Integer, String> id2label = new LinkedHashMap<>();
        if (o.hasNonNull("id2label")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj(o, "id2label").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                id2label.put(parseId(e.getKey()), e.getValue().asText());
            }
        }
        return id2label;
    }

    private static Map<String, Integer> label2id(JsonNode o) {
        Map<String, Integer> label2id = new LinkedHashMap<>();
        if (o.hasNonNull("label2id")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj(o, "label2id").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().canConvertToInt()) {
                    throw new BertConfigException("label2id['" + e.getKey() + "'] must be an integer");
                }
                label2id.put(e.getKey(), e.getValue().asInt());
            }
        }
        return label2id;
    }

    private static int parseId(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new BertConfigException("id2label key '" + key + "' is not an integer class id");
        }
    }

    private static JsonNode obj(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (!v.isObject()) {
            throw new BertConfigException(key + " must be a JSON object, got " + v.getNodeType());
        }
        return v;
    }

    private static int integer(JsonNode o, String key, int dflt) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new BertConfigException(key + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static double num(JsonNode o, String key, double dflt) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new BertConfigException(key + " must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static String str(JsonNode o, String key, String dflt) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new BertConfigException(key + " must be a string, got " + v);
        }
        return v.textValue();
    }
}
