package dev.bert4j.train.optim;

import dev.bert4j.nn.Parameter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A trainable weight with its Hugging Face name ({@code bert.encoder.layer.0.attention.self.query.weight}).
 * The optimizer, the schedules and the clipping see only these: rules such as "no weight decay on biases"
 * are rules on the name.
 *
 * @param name      the weight's path, unique within one optimizer
 * @param parameter its values and gradient (possibly a view of a shared storage)
 */
public record NamedParameter(String name, Parameter parameter) {
    public NamedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a parameter name must not be blank");
        }
    }

    /**
     * Checks that the names are unique and that no two parameters share values: views of one storage
     * must cover disjoint ranges, so each value is updated, clipped and counted once.
     *
     * @throws IllegalArgumentException naming the duplicate name or the two overlapping parameters
     */
    static void requireDistinct(List<NamedParameter> parameters) {
        Set<String> names = new HashSet<>();
        Map<float[], List<NamedParameter>> byStorage = new IdentityHashMap<>();
        for (NamedParameter p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("parameter name '" + p.name() + "' appears twice");
            }
            byStorage.computeIfAbsent(p.parameter().data(), k -> new ArrayList<>()).add(p);
        }
        for (List<NamedParameter> sharing : byStorage.values()) {
            sharing.sort(Comparator.comparingInt(p -> p.parameter().offset()));
            for (int i = 1; i < sharing.size(); i++) {
                Parameter prev = sharing.get(i - 1).parameter();
                if (prev.offset() + prev.size() > sharing.get(i).parameter().offset()) {
                    throw new IllegalArgumentException("parameters '" + sharing.get(i - 1).name() + "' and '"
                            + sharing.get(i).name() + "' share values: views of one storage must not overlap");
                }
            }
        }
    }
}
