package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Completes a checkpoint for a task head as transformers' {@code from_pretrained} does: the weights the
 * checkpoint has are kept, the ones the head needs and it lacks (a new classifier, the pooler of a
 * sentence-transformers export, or everything when training from scratch) are initialized as HF's
 * {@code BertPreTrainedModel._init_weights}: Linear and Embedding weights normal(0, initializer_range)
 * (the {@code pad_token_id} row of the word embeddings zero), biases 0, LayerNorm weight 1 and bias 0.
 * Weights of another head (the pre-training heads of {@code bert-base-uncased} when fine-tuning a
 * classifier) are dropped and listed, as HF warns about them.
 */
public final class WeightInit {
    private WeightInit() {
    }

    /**
     * @param weights  every weight the head's model needs, {@code bert.}-prefixed encoder, ready for
     *                 {@link BertTaskModel#fromStateDict}
     * @param added    the names that were initialized
     * @param dropped  the checkpoint's names the head does not use
     */
    public record Completed(Map<String, Tensor> weights, List<String> added, List<String> dropped) {
    }

    /** Completes {@code existing} (with or without the {@code bert.} prefix; may be empty) for {@code kind}. */
    public static Completed complete(HeadKind kind, BertConfig c, Map<String, Tensor> existing, long seed) {
        Map<String, Tensor> have = new LinkedHashMap<>();
        boolean prefixed = existing.keySet().stream().anyMatch(k -> k.startsWith(HeadSupport.BERT_PREFIX));
        existing.forEach((name, t) -> have.put(isHead(name) || prefixed ? name : HeadSupport.BERT_PREFIX + name, t));
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, int[]> e : shapes(kind, c).entrySet()) {
            String name = e.getKey();
            Tensor t = have.remove(name);
            if (t == null) {
                t = init(name, e.getValue(), c, rng);
                added.add(name);
            } else if (!t.hasShape(e.getValue())) {
                throw new WeightLoadException(WeightLoadException.Kind.SHAPE_MISMATCH, name, "weight '" + name
                        + "' has shape " + t.shapeString() + " but " + kind.architecture() + " with this config needs "
                        + Arrays.toString(e.getValue()) + (isHead(name) ? "; the checkpoint's head was trained for"
                        + " another label set: start from its encoder (a directory without the head) instead" : ""));
            }
            out.put(name, t);
        }
        List<String> dropped = new ArrayList<>();
        for (String name : have.keySet()) {
            if (!name.endsWith("embeddings.position_ids") && !name.endsWith("cls.predictions.decoder.weight")
                    && !name.endsWith("cls.predictions.decoder.bias")) {
                dropped.add(name);
            }
        }
        return new Completed(out, List.copyOf(added), List.copyOf(dropped));
    }

    private static boolean isHead(String name) {
        return StateDictReader.IGNORABLE_HEAD_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static Tensor init(String name, int[] shape, BertConfig c, SplittableRandom rng) {
        Tensor t = Tensor.zeros(shape);
        if (name.endsWith("LayerNorm.weight")) {
            Arrays.fill(t.data(), 1f);
        } else if (name.endsWith(".weight")) {
            for (int i = 0; i < t.numel(); i++) {
                t.data()[i] = (float) (rng.nextGaussian() * c.initializerRange());
            }
            if (name.endsWith("word_embeddings.weight")) {
                Arrays.fill(t.data(), c.padTokenId() * shape[1], (c.padTokenId() + 1) * shape[1], 0f);
            }
        }
        return t;                                                    // biases stay 0
    }

    /** Every weight of {@code kind}'s model by name, in module order. */
    static Map<String, int[]> shapes(HeadKind kind, BertConfig c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int C = c.hiddenSize();
        String p = HeadSupport.BERT_PREFIX;
        s.put(p + "embeddings.word_embeddings.weight", new int[] {c.vocabSize(), C});
        s.put(p + "embeddings.position_embeddings.weight", new int[] {c.maxPositionEmbeddings(), C});
        s.put(p + "embeddings.token_type_embeddings.weight", new int[] {c.typeVocabSize(), C});
        norm(s, p + "embeddings.LayerNorm.", C);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String q = p + "encoder.layer." + l + ".";
            linear(s, q + "attention.self.query.", C, C);
            linear(s, q + "attention.self.key.", C, C);
            linear(s, q + "attention.self.value.", C, C);
            linear(s, q + "attention.output.dense.", C, C);
            norm(s, q + "attention.output.LayerNorm.", C);
            linear(s, q + "intermediate.dense.", c.intermediateSize(), C);
            linear(s, q + "output.dense.", C, c.intermediateSize());
            norm(s, q + "output.LayerNorm.", C);
        }
        if (kind.needsPooler()) {
            linear(s, p + "pooler.dense.", C, C);
        }
        switch (kind) {
            case MASKED_LM -> maskedLm(s, c);
            case PRE_TRAINING -> {
                maskedLm(s, c);
                linear(s, BertForNextSentencePrediction.PREFIX, 2, C);
            }
            case NEXT_SENTENCE_PREDICTION -> linear(s, BertForNextSentencePrediction.PREFIX, 2, C);
            case SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION -> linear(s, "classifier.", HeadSupport.numLabels(c), C);
            case QUESTION_ANSWERING -> linear(s, "qa_outputs.", 2, C);
            case MULTIPLE_CHOICE -> linear(s, "classifier.", 1, C);
        }
        return s;
    }

    private static void maskedLm(Map<String, int[]> s, BertConfig c) {
        linear(s, BertPredictionHeadTransform.PREFIX + "dense.", c.hiddenSize(), c.hiddenSize());
        norm(s, BertPredictionHeadTransform.PREFIX + "LayerNorm.", c.hiddenSize());
        s.put(BertLMPredictionHead.PREFIX + "bias", new int[] {c.vocabSize()});
    }

    private static void linear(Map<String, int[]> s, String prefix, int out, int in) {
        s.put(prefix + "weight", new int[] {out, in});
        s.put(prefix + "bias", new int[] {out});
    }

    private static void norm(Map<String, int[]> s, String prefix, int C) {
        s.put(prefix + "weight", new int[] {C});
        s.put(prefix + "bias", new int[] {C});
    }
}
