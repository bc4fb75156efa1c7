package dev.bert4j.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads multiple choice examples from JSON Lines: {@code choices} (a list of at least two strings), {@code label}
 * (the index of the right choice) and, optionally, the shared text under one of the names {@code text},
 * {@code question} or {@code context}. Every example of a file has the same number of choices. Other fields are an
 * error; blank lines are skipped.
 */
public final class MultipleChoiceReader {
    private static final List<String> CONTEXT_NAMES = List.of("text", "question", "context");
    private static final Set<String> FIELDS = Set.of("text", "question", "context", "choices", "label");

    private MultipleChoiceReader() {}

    /**
     * Reads all examples of a file.
     *
     * @throws DatasetException when the file is missing, empty or malformed, a label is not a choice index, or
     *                          examples differ in their number of choices
     */
    public static List<ChoiceExample> read(Path path) {
        String file = DataFiles.name(path);
        String ext = DataFiles.extension(path);
        if (!ext.equals("jsonl") && !ext.equals("json")) {
            throw new DatasetException(file + ": unknown format \"." + ext + "\"; multiple choice data is .jsonl or"
                    + " .json (JSON Lines)");
        }
        List<ChoiceExample> out = new ArrayList<>();
        for (JsonLine l : JsonLine.parse(file, DataFiles.read(path))) {
            ChoiceExample e = example(l);
            if (!out.isEmpty() && out.getFirst().choices().size() != e.choices().size()) {
                throw l.error(e.choices().size() + " choices, but line " + out.getFirst().line() + " has "
                        + out.getFirst().choices().size() + "; every example needs the same number of choices");
            }
            out.add(e);
        }
        return out;
    }

    private static ChoiceExample example(JsonLine l) {
        l.onlyFields(FIELDS);
        String context = null;
        for (String name : CONTEXT_NAMES) {
            if (!l.has(name)) continue;
            if (context != null) throw l.error("give the shared text once, under one of " + CONTEXT_NAMES);
            context = l.string(name);
        }
        List<String> choices = l.strings("choices");
        if (choices.size() < 2) throw l.error("\"choices\" has " + choices.size() + " entries; it needs at least 2");
        int label = l.integer("label");
        if (label < 0 || label >= choices.size()) {
            throw l.error("\"label\" " + label + " is not a choice index (0 to " + (choices.size() - 1) + ")");
        }
        return new ChoiceExample(l.line(), context, choices, label);
    }
}
