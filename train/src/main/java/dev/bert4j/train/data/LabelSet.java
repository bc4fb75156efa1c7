package dev.bert4j.train.data;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ordered label names of a classification task; a name's index is its class id ({@code id2label}).
 *
 * <p>Built from names the user gives ({@link #of}), integer labels in files are indexes into the names, unless the
 * names themselves are integers (star ratings {@code 1..5}): then every label is matched by name, so that a label
 * {@code "1"} cannot mean two things. Built from the data ({@link #fromExamples}, {@link #fromTags}), every label is
 * matched by name.
 */
public final class LabelSet {
    private final List<String> names;
    private final Map<String, Integer> ids;
    private final boolean integersAreIndexes;

    private LabelSet(List<String> names, boolean integersAreIndexes) {
        this.names = List.copyOf(names);
        this.ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) throw new DatasetException("label names must not be blank: " + names);
            if (ids.put(name, i) != null) throw new DatasetException("label \"" + name + "\" is given twice: " + names);
        }
        if (names.isEmpty()) throw new DatasetException("a label set needs at least one label");
        this.integersAreIndexes = integersAreIndexes && names.stream().noneMatch(LabelSet::isInteger);
    }

    /** The given names in the given order (as from {@code --labels a,b,c}); integer labels index into them. */
    public static LabelSet of(List<String> names) {
        return new LabelSet(names, true);
    }

    /**
     * The distinct labels of the examples, sorted: numerically when all are integers, else lexicographically
     * (as Hugging Face's {@code sorted(set(labels))}).
     */
    public static LabelSet fromExamples(List<LabeledText> examples) {
        List<String> all = new ArrayList<>();
        for (LabeledText e : examples) all.addAll(e.labels());
        return fromNames(all);
    }

    /** The distinct tags of the sentences, sorted as in {@link #fromExamples}. */
    public static LabelSet fromTags(List<TaggedSentence> sentences) {
        List<String> all = new ArrayList<>();
        for (TaggedSentence s : sentences) all.addAll(s.tags());
        return fromNames(all);
    }

    /** The distinct names, sorted as in {@link #fromExamples}. */
    public static LabelSet fromNames(Collection<String> labels) {
        if (labels.isEmpty()) throw new DatasetException("no labels to build a label set from");
        boolean numeric = labels.stream().allMatch(LabelSet::isInteger);
        Comparator<String> order = numeric ? Comparator.comparing((String s) -> new BigInteger(s))
                .thenComparing(Comparator.naturalOrder()) : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(labels);
        return new LabelSet(new ArrayList<>(sorted), false);
    }

    /**
     * The class id of {@code label}, from an example at {@code line} of {@code file} (null when unknown).
     *
     * @throws DatasetException when the label is not in this set (for example a label of the evaluation file that
     *                          the training file never had), or an integer label is not a valid index
     */
    public int id(String label, int line, String file) {
        Integer id = ids.get(label);
        if (id != null && !integersAreIndexes) return id;
        if (integersAreIndexes && isInteger(label)) {
            BigInteger index = new BigInteger(label);
            if (index.signum() >= 0 && index.compareTo(BigInteger.valueOf(names.size())) < 0) return index.intValue();
            throw DatasetException.at(file, line, "label " + label + " is not a class index: there are "
                    + names.size() + " labels " + names + ", so indexes run from 0 to " + (names.size() - 1));
        }
        if (id != null) return id;
        throw DatasetException.at(file, line, "unknown label \"" + label + "\"; the labels are " + names
                + " (a label must be seen in training or given with --labels)");
    }

    /** The name of class {@code id}. */
    public String name(int id) {
        return names.get(id);
    }

    /** The names in class-id order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 18) return false;
        int from = s.charAt(0) == '-' && s.length() > 1 ? 1 : 0;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet l && names.equals(l.names) && integersAreIndexes == l.integersAreIndexes;
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSet" + names;
    }
}
