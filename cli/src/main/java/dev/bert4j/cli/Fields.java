package dev.bert4j.cli;

/** Reads the fields of a JSON Lines request. */
final class Fields {
    private Fields() {
    }

    static String required(JsonLinesInput.Line line, String field) {
        String value = line.text(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return value;
    }
}
