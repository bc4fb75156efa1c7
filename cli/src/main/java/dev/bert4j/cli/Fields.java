package dev.bert4j.cli;

import java.util.Set;

/**
 * The fields of a command's JSON Lines: those it reads from an input line, and those its answer writes. Every
 * other field of an input line (an {@code id}, a {@code label}) is carried through to that line's output.
 * A carried field may not have the name of one of the answer's fields: the line gets an error instead of an
 * output where one value silently replaces the other.
 */
record Fields(Set<String> input, Set<String> output) {
    /** The fields of an error line, {@code {"line": N, "error": "..."}}. */
    static final Set<String> ERROR = Set.of("line", "error");

    Fields {
        input = Set.copyOf(input);
        output = Set.copyOf(output);
    }

    /** True for a field the command does not read, which goes to the output line as it came. */
    boolean carried(String name) {
        return !input.contains(name);
    }

    /** True for a carried field that the answer would write too. */
    boolean clashes(String name) {
        return carried(name) && (output.contains(name) || ERROR.contains(name));
    }

    static String required(JsonLinesInput.Line line, String field) {
        String value = line.text(field);
        if (value == null) {
            throw new IllegalArgumentException(missing(line, field));
        }
        return value;
    }

    /** The error for a line without {@code field}, naming the fields it has (a typo is easy to spot). */
    static String missing(JsonLinesInput.Line line, String field) {
        String message = "missing field \"" + field + "\"";
        if (line.carried().isEmpty()) {
            return message;
        }
        return message + " (the line's " + String.join(", ", line.carried().stream().map(n -> "\"" + n + "\"").toList())
                + " would only be carried through)";
    }
}
