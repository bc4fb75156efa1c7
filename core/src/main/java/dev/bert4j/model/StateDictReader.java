package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hands out the weights of a state dict by HF name, checking shapes, and at the end insists that every
 * weight was used unless it is on the ignorable list. Names may carry a {@code bert.} prefix (as in
 * {@code BertFor...} checkpoints); it is detected once for the whole dict.
 */
public final class StateDictReader {
    /**
     * Weights a base {@code BertModel} may leave unused: the position-id buffer older checkpoints saved,
     * and the task heads of {@code BertFor...} checkpoints ({@code cls.}, {@code classifier.},
     * {@code qa_outputs.}), which the heads issue loads separately.
     */
    public static final List<String> IGNORABLE_SUFFIXES = List.of("embeddings.position_ids");
    public static final List<String> IGNORABLE_HEAD_PREFIXES = List.of("cls.", "classifier.", "qa_outputs.");

    /**
     * A state dict whose values are read from a file on {@link Map#get}, so that loading converts only the
     * weights a model takes; {@link #shapeOf} answers without reading, so unused weights are reported by
     * name and shape without being converted.
     */
    public interface Lazy extends Map<String, Tensor> {
        /** The shape of weight {@code name}, e.g. {@code "[768, 768]"}, without reading its values. */
        String shapeOf(String name);
    }

    private final Map<String, Tensor> tensors;
    private final String prefix;
    private final Set<String> used = new LinkedHashSet<>();

    public StateDictReader(Map<String, Tensor> tensors) {
        this.tensors = tensors;
        this.prefix = tensors.keySet().stream().anyMatch(k -> k.startsWith("bert.")) ? "bert." : "";
    }

    /** The detected prefix: {@code "bert."} or {@code ""}. */
    public String prefix() {
        return prefix;
    }

    public boolean has(String name) {
        return tensors.containsKey(prefix + name);
    }

    /** The weight {@code name} (without prefix), which must have exactly {@code shape}. */
    public Tensor take(String name, int... shape) {
        String full = prefix + name;
        Tensor t = tensors.get(full);
        if (t == null) {
            throw new WeightLoadException(WeightLoadException.Kind.MISSING, full, "missing weight '" + full
                    + "' of shape " + Arrays.toString(shape) + "; the checkpoint does not match the config"
                    + " (wrong num_hidden_layers or a non-BERT model?)");
        }
        if (!t.hasShape(shape)) {
            throw new WeightLoadException(WeightLoadException.Kind.SHAPE_MISMATCH, full, "weight '" + full
                    + "' has shape " + t.shapeString() + " but the config expects " + Arrays.toString(shape)
                    + "; check config.json against the weights");
        }
        used.add(full);
        return t;
    }

    /** Fails when a weight was not used and is not ignorable. */
    public void finish() {
        Set<String> unexpected = new TreeSet<>();
        for (String name : tensors.keySet()) {
            if (!used.contains(name) && !ignorable(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            String first = unexpected.iterator().next();
            throw new WeightLoadException(WeightLoadException.Kind.UNEXPECTED, first, "unexpected weight"
                    + (unexpected.size() > 1 ? "s " : " ") + unexpected + " (shape "
                    + shapeOf(first) + " for the first) not used by a BERT model with this "
                    + "config; check num_hidden_layers in config.json");
        }
    }

    private String shapeOf(String name) {
        return tensors instanceof Lazy lazy ? lazy.shapeOf(name) : tensors.get(name).shapeString();
    }

    private boolean ignorable(String name) {
        String local = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        return IGNORABLE_SUFFIXES.stream().anyMatch(local::endsWith)
                || IGNORABLE_HEAD_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
