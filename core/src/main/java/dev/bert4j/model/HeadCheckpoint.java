package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code BertFor...} checkpoint split into the encoder and one task head, loaded strictly.
 *
 * <ul>
 *   <li>Head weights are the names starting with {@code cls.}, {@code classifier.} or {@code qa_outputs.}
 *       (HF never prefixes them); everything else goes to {@link BertModel#fromStateDict}, with or without
 *       the {@code bert.} prefix, which checks it strictly.
 *   <li>Heads that do not read the pooler drop its weights (HF's {@code add_pooling_layer=False}), so
 *       pooler-less checkpoints load for them; heads that do read it fail without it.
 *   <li>The head takes each weight by name and shape: a missing or mis-shaped weight is a
 *       {@link WeightLoadException} naming the path and both shapes.
 *   <li>{@link #finish()}: a head weight nobody took is an error ({@code classifier.weight} left over when
 *       loading a masked-LM means the directory holds another task's model), except the other pre-training
 *       head's {@code cls.} weights: {@code bert-base-uncased} is a {@code BertForPreTraining} checkpoint that
 *       users load as a masked LM (HF drops those weights with a warning; {@link #ignored()} lists them).
 * </ul>
 */
final class HeadCheckpoint {
    private static final List<String> HEAD_PREFIXES = StateDictReader.IGNORABLE_HEAD_PREFIXES;
    private static final String PRE_TRAINING_PREFIX = "cls.";

    private final HeadKind kind;
    private final Map<String, Tensor> head = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> ignored = new TreeSet<>();
    private final BertModel bert;

    HeadCheckpoint(HeadKind kind, BertConfig config, Map<String, Tensor> weights) {
        this.kind = kind;
        Map<String, Tensor> encoder = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            String name = e.getKey();
            if (HEAD_PREFIXES.stream().anyMatch(name::startsWith)) {
                head.put(name, e.getValue());
            } else if (kind.needsPooler() || !isPooler(name)) {
                encoder.put(name, e.getValue());
            }
        }
        bert = BertModel.fromStateDict(config, encoder);
        if (kind.needsPooler() && !bert.hasPooler()) {
            String prefix = encoder.keySet().stream().anyMatch(k -> k.startsWith("bert.")) ? "bert." : "";
            int C = config.hiddenSize();
            throw new WeightLoadException(WeightLoadException.Kind.MISSING, prefix + "pooler.dense.weight",
                    kind.architecture() + " reads the pooler output, but the checkpoint has no '" + prefix
                    + "pooler.dense.weight' " + Arrays.toString(new int[] {C, C}) + " / '" + prefix
                    + "pooler.dense.bias' [" + C + "]; use a checkpoint saved with its pooler");
        }
    }

    private static boolean isPooler(String name) {
        return name.startsWith("pooler.") || name.startsWith("bert.pooler.");
    }

    BertModel bert() {
        return bert;
    }

    boolean has(String name) {
        return head.containsKey(name);
    }

    /**
     * The head weight {@code name}, which must have exactly {@code shape}.
     *
     * @param dims what the expected dimensions are, for the message, e.g. {@code "(num_labels, hidden_size)"}
     */
    Tensor take(String name, String dims, int... shape) {
        Tensor t = head.get(name);
        String expected = Arrays.toString(shape) + " " + dims;
        if (t == null) {
            throw new WeightLoadException(WeightLoadException.Kind.MISSING, name, kind.architecture() + " needs weight '"
                    + name + "' of shape " + expected + ", which the checkpoint lacks (its head weights: "
                    + new TreeSet<>(head.keySet()) + "); the directory holds another task's model or only an "
                    + "encoder: load the head its config.json architectures name, or train this one first");
        }
        if (!t.hasShape(shape)) {
            throw new WeightLoadException(WeightLoadException.Kind.SHAPE_MISMATCH, name, "weight '" + name
                    + "' has shape " + t.shapeString() + " but " + kind.architecture() + " with this config expects "
                    + expected + "; check config.json (id2label gives num_labels) against the weights");
        }
        used.add(name);
        return t;
    }

    /** Fails on head weights nobody took, except the other pre-training head's, which are recorded as ignored. */
    void finish() {
        Set<String> unexpected = new TreeSet<>();
        for (String name : head.keySet()) {
            if (used.contains(name)) {
                continue;
            }
            boolean otherPreTrainingHead = name.startsWith(PRE_TRAINING_PREFIX)
                    && (kind == HeadKind.MASKED_LM || kind == HeadKind.NEXT_SENTENCE_PREDICTION);
            (otherPreTrainingHead ? ignored : unexpected).add(name);
        }
        if (!unexpected.isEmpty()) {
            String first = unexpected.iterator().next();
            throw new WeightLoadException(WeightLoadException.Kind.UNEXPECTED, first, "unexpected weight"
                    + (unexpected.size() > 1 ? "s " : " ") + unexpected + " (shape " + head.get(first).shapeString()
                    + " for the first) not used by " + kind.architecture() + "; the checkpoint holds another task's "
                    + "head: load the head its config.json architectures name");
        }
    }

    /** Weights of the other pre-training head that {@link #finish()} let pass. */
    Set<String> ignored() {
        return Set.copyOf(ignored);
    }
}
