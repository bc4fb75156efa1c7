package dev.bert4j.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads JSON Lines requests from standard input in windows, keeping each line's number so that a bad line is
 * reported where it is and the others still get their answers, in order. A window is as large as
 * {@link Window} allows, so that a pipeline can sort a few thousand texts by length and pack them, while
 * memory stays bounded whatever the length of the input. The input must be UTF-8: a line that is not gets an
 * error of its own, like a line that is not JSON.
 */
final class JsonLinesInput {
    /**
     * How much input is read before it is answered: at most {@code lines} lines and, past the first line,
     * {@code bytes} bytes of UTF-8 (a single longer line is a window of its own).
     */
    record Window(int lines, long bytes) {
        static final int DEFAULT_LINES = 4096;
        static final long DEFAULT_BYTES = 8L << 20;
        static final Window DEFAULT = new Window(DEFAULT_LINES, DEFAULT_BYTES);
        /** One line at a time, for answers too large to keep a window of (every layer's hidden states). */
        static final Window ONE_LINE = new Window(1, DEFAULT_BYTES);

        Window {
            if (lines < 1 || bytes < 1) {
                throw new IllegalArgumentException("a window holds at least one line, got " + lines + " lines and " + bytes + " bytes");
            }
        }
    }

    /**
     * One input line: its number, its fields (null when it is not a JSON object), the names of the fields the
     * command does not read, in input order, and why it cannot be answered (null when it can).
     */
    record Line(long number, ObjectNode json, List<String> carried, String error) {
        boolean ok() {
            return error == null;
        }

        /** A string field; null when absent or null (a required field is checked by {@link Fields#required}). */
        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        private static Line unreadable(long number, String error) {
            return new Line(number, null, List.of(), error);
        }
    }

    /** Carried numbers keep their digits: decimals stay exact ({@code 1.10} is not written back as {@code 1.1}). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final Utf8Lines reader;
    private final Fields fields;
    private final Window window;
    private long lineNumber;

    JsonLinesInput(InputStream in, Fields fields, Window window) {
        this.reader = new Utf8Lines(in);
        this.fields = fields;
        this.window = window;
    }

    /** Calls {@code consumer} with successive windows of lines until the input ends; blank lines are skipped. */
    void forEachWindow(Consumer<List<Line>> consumer) {
        List<Line> lines = new ArrayList<>();
        long bytes = 0;
        try {
            Utf8Lines.Line raw;
            while ((raw = reader.next()) != null) {
                lineNumber++;
                if (raw.text() != null && raw.text().isBlank()) {
                    continue;
                }
                if (!lines.isEmpty() && bytes + raw.bytes() > window.bytes()) {
                    consumer.accept(lines);
                    lines = new ArrayList<>();
                    bytes = 0;
                }
                lines.add(raw.text() == null ? Line.unreadable(lineNumber, raw.error()) : parse(lineNumber, raw.text()));
                bytes += raw.bytes();
                if (lines.size() == window.lines()) {
                    consumer.accept(lines);
                    lines = new ArrayList<>();
                    bytes = 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input failed at line " + (lineNumber + 1), e);
        }
        if (!lines.isEmpty()) {
            consumer.accept(lines);
        }
    }

    private Line parse(long number, String raw) {
        JsonNode json;
        try {
            json = MAPPER.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Line.unreadable(number, "not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return Line.unreadable(number, "expected a JSON object like {\"text\": \"...\"}");
        }
        List<String> carried = new ArrayList<>();
        String error = null;
        for (var field : json.properties()) {
            String name = field.getKey();
            if (fields.carried(name)) {
                carried.add(name);
                if (error == null && fields.clashes(name)) {
                    error = "field '" + name + "' is also a field of the output; rename or remove it to carry it through";
                }
            } else if (error == null && !field.getValue().isTextual() && !field.getValue().isNull()) {
                error = "field '" + name + "' must be a string";
            }
        }
        return new Line(number, (ObjectNode) json, List.copyOf(carried), error);
    }
}
