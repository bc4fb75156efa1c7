package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

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
        return HeadFixtures.encoder(c, seed, "", true);
    }
}
