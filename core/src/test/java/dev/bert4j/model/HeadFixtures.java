package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny seeded BERT checkpoints with task heads, for tests that need no real model. */
public final class HeadFixtures {
    private HeadFixtures() {
    }

    public static BertConfig config(String act, Map<Integer, String> id2label, String problemType, List<String> arch) {
        return new BertConfig(40, 12, 2, 3, 20, act, 0.1, 0.1, 16, 2, 0.02, 1e-12, "absolute", 0, null,
                id2label, null, problemType, arch, "bert");
    }

    public static BertConfig config(Map<Integer, String> id2label) {
        return config("gelu", id2label, null, List.of());
    }

    /** The encoder's HF-named weights, under {@code prefix} ("" or "bert."), with or without the pooler. */
    public static Map<String, Tensor> encoder(BertConfig c, long seed, String prefix, boolean pooler) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        int C = c.hiddenSize();
        put(w, r, prefix + "embeddings.word_embeddings.weight", c.vocabSize(), C);
        put(w, r, prefix + "embeddings.position_embeddings.weight", c.maxPositionEmbeddings(), C);
        put(w, r, prefix + "embeddings.token_type_embeddings.weight", c.typeVocabSize(), C);
        put(w, r, prefix + "embeddings.LayerNorm.weight", C);
        put(w, r, prefix + "embeddings.LayerNorm.bias", C);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = prefix + "encoder.layer." + l + ".";
            for (String n : new String[] {"query", "key", "value"}) {
                put(w, r, p + "attention.self." + n + ".weight", C, C);
                put(w, r, p + "attention.self." + n + ".bias", C);
            }
            put(w, r, p + "attention.output.dense.weight", C, C);
            put(w, r, p + "attention.output.dense.bias", C);
            put(w, r, p + "attention.output.LayerNorm.weight", C);
            put(w, r, p + "attention.output.LayerNorm.bias", C);
            put(w, r, p + "intermediate.dense.weight", c.intermediateSize(), C);
            put(w, r, p + "intermediate.dense.bias", c.intermediateSize());
            put(w, r, p + "output.dense.weight", C, c.intermediateSize());
            put(w, r, p + "output.dense.bias", C);
            put(w, r, p + "output.LayerNorm.weight", C);
            put(w, r, p + "output.LayerNorm.bias", C);
        }
        if (pooler) {
            put(w, r, prefix + "pooler.dense.weight", C, C);
            put(w, r, prefix + "pooler.dense.bias", C);
        }
        return w;
    }

    /** The head weights of {@code kind} (never prefixed), seeded. */
    public static Map<String, Tensor> head(HeadKind kind, BertConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        int C = c.hiddenSize();
        int labels = c.id2label().isEmpty() ? 2 : c.id2label().size();
        switch (kind) {
            case MASKED_LM -> mlm(w, r, c);
            case NEXT_SENTENCE_PREDICTION -> linear(w, r, "cls.seq_relationship.", 2, C);
            case PRE_TRAINING -> {
                mlm(w, r, c);
                linear(w, r, "cls.seq_relationship.", 2, C);
            }
            case SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION -> linear(w, r, "classifier.", labels, C);
            case QUESTION_ANSWERING -> linear(w, r, "qa_outputs.", 2, C);
            case MULTIPLE_CHOICE -> linear(w, r, "classifier.", 1, C);
        }
        return w;
    }

    /** Encoder (with pooler, {@code bert.} prefix) and head together, as a {@code BertFor...} checkpoint. */
    public static Map<String, Tensor> checkpoint(HeadKind kind, BertConfig c, long seed) {
        Map<String, Tensor> w = encoder(c, seed, "bert.", true);
        w.putAll(head(kind, c, seed + 1));
        return w;
    }

    private static void mlm(Map<String, Tensor> w, Random r, BertConfig c) {
        int C = c.hiddenSize();
        linear(w, r, "cls.predictions.transform.dense.", C, C);
        put(w, r, "cls.predictions.transform.LayerNorm.weight", C);
        put(w, r, "cls.predictions.transform.LayerNorm.bias", C);
        put(w, r, "cls.predictions.bias", c.vocabSize());
    }

    private static void linear(Map<String, Tensor> w, Random r, String prefix, int out, int in) {
        put(w, r, prefix + "weight", out, in);
        put(w, r, prefix + "bias", out);
    }

    public static Tensor random(Random r, double scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = (float) (r.nextGaussian() * scale);
        }
        return t;
    }

    private static void put(Map<String, Tensor> w, Random r, String name, int... shape) {
        w.put(name, random(r, 0.5, shape));
    }
}
