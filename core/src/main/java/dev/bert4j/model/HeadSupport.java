package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers the task heads share. */
final class HeadSupport {
    /** The prefix transformers gives the encoder's weights inside a {@code BertFor...} model. */
    static final String BERT_PREFIX = "bert.";
    /** HF's {@code num_labels} when {@code config.json} has no {@code id2label}. */
    static final int DEFAULT_NUM_LABELS = 2;

    private HeadSupport() {
    }

    /** {@code num_labels} as HF defines it: the size of {@code id2label}, 2 when absent. */
    static int numLabels(BertConfig c) {
        return c.id2label().isEmpty() ? DEFAULT_NUM_LABELS : c.id2label().size();
    }

    /** The encoder's weights under {@code bert.}, in module order. */
    static Map<String, Tensor> prefixedEncoder(BertModel bert) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        bert.stateDict().forEach((name, t) -> out.put(BERT_PREFIX + name, t));
        return out;
    }

    static void requireLength(String name, int length, long expected, String shape) {
        if (length != expected) {
            throw new BertInputException(name + " must hold " + shape + " = " + expected + " values, got " + length);
        }
    }
}
