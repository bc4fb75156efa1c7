package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small random BERT for tests that need no real checkpoint. */
public final class TinyBert {
    private TinyBert() {
    }

    public static BertConfig config(String act) {
        return new BertConfig(50, 12, 2, 3, 20, act, 0.1, 0.1, 16, 2, 0.02, 1e-12, "absolute", 0, null,
                Map.of(), Map.of(), null, List.of(), "bert");
    }

    /** HF-named random weights for a model with a pooler. */
    public static Map<String, Tensor> weights(BertConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> w = new java.util.LinkedHashMap<>();
        int C = c.hiddenSize();
        put(w, r, "embeddings.word_embeddings.weight", c.vocabSize(), C);
        put(w, r, "embeddings.position_embeddings.weight", c.maxPositionEmbeddings(), C);
        put(w, r, "embeddings.token_type_embeddings.weight", c.typeVocabSize(), C);
        put(w, r, "embeddings.LayerNorm.weight", C);
        put(w, r, "embeddings.LayerNorm.bias", C);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "encoder.layer." + l + ".";
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
        put(w, r, "pooler.dense.weight", C, C);
        put(w, r, "pooler.dense.bias", C);
        return w;
    }

    private static void put(Map<String, Tensor> w, Random r, String name, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = (float) (r.nextGaussian() * 0.5);
        }
        w.put(name, t);
    }
}
