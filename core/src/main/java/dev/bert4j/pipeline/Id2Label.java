package dev.bert4j.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model configuration's {@code id2label}: the name of each output label.
 *
 * <p>Hugging Face's {@code PretrainedConfig} fills {@code id2label} with {@code LABEL_0 ..
 * LABEL_{n-1}} when {@code config.json} has none ({@link #defaults(int)}); a pipeline then looks ids
 * up with {@code config.id2label[i]}, so an id missing from a map that {@code config.json} did give is
 * a {@code KeyError}. bert4j keeps both behaviours: the fallback names live here, in the one place a
 * config without labels is turned into labels, and a missing id is a {@link LabelMappingException}.
 *
 * @param labels label names by id; copied, never null
 */
public record Id2Label(Map<Integer, String> labels) {

    public Id2Label {
        Objects.requireNonNull(labels, "labels");
        for (Map.Entry<Integer, String> entry : labels.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new IllegalArgumentException("id2label has a null id or name: " + labels);
            }
        }
        labels = Map.copyOf(labels);
    }

    /** Hugging Face's default names for a configuration without {@code id2label}: {@code LABEL_i}. */
    public static Id2Label defaults(int numLabels) {
        if (numLabels < 1) {
            throw new IllegalArgumentException("num_labels must be >= 1, got " + numLabels);
        }
        Map<Integer, String> labels = new TreeMap<>();
        for (int i = 0; i < numLabels; i++) {
            labels.put(i, "LABEL_" + i);
        }
        return new Id2Label(labels);
    }

    /** {@code num_labels} as Hugging Face defines it: the size of {@code id2label}. */
    public int numLabels() {
        return labels.size();
    }

    /** The name of label {@code id}; a {@link LabelMappingException} naming the known ids if absent. */
    public String label(int id) {
        String name = labels.get(id);
        if (name == null) {
            throw new LabelMappingException("label id " + id + " is missing from id2label, which names ids "
                    + new TreeMap<>(labels).keySet() + "; add it to id2label in the model's config.json "
                    + "(or remove id2label there to get the default names LABEL_0..LABEL_n)");
        }
        return name;
    }
}
