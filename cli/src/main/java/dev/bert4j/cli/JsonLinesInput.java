package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
  * Reads JSON Lines requests from standard input in chunks, keeping each line's number so that a bad
  * line is reported where it is and the others still get their answers, in order. The input must be UTF-8: a
  * line that is not gets an error of its own, like a line that is not JSON.
  */
final class JsonLinesInput {
    /** One input line: its number, and either its fields or why it could not be read. */
    record Line(long number, JsonNode json, String error) {
        boolean ok() {
            return error == null;
        }

        /** A required string field; null with {@link #error} set by the caller's check when absent. */
        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Utf8Lines reader;
    private final int chunkSize;
    private final Set<String> allowedFields;
    private long lineNumber;

    JsonLinesInput(InputStream in, int chunkSize, Set<String> allowedFields) {
        this.reader = new Utf8Lines(in);
        this.chunkSize = chunkSize;
        this.allowedFields = allowedFields;
    }

    /** Calls {@code consumer} with successive chunks of lines until the input ends. */
    void forEachChunk(Consumer<List<Line>> consumer) {
        List<Line> chunk = new ArrayList<>(chunkSize);
        try {
            Utf8Lines.Line raw;
            while ((raw = reader.next()) != null) {
                lineNumber++;
                if (raw.text() != null && raw.text().isBlank()) {
                    continue;
                }
                chunk.add(raw.text() == null ? new Line(lineNumber, null, raw.error()) : parse(lineNumber, raw.text()));
                if (chunk.size() == chunkSize) {
                    consumer.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input failed at line " + (lineNumber + 1), e);
        }
        if (!chunk.isEmpty()) {
            consumer.accept(chunk);
        }
    }

    private Line parse(long number, String raw) {
        JsonNode json;
        try {
            json = MAPPER.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Line(number, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return new Line(number, null, "expected a JSON object like {\"text\": \"...\"}");
        }
        for (var names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                return new Line(number, null, "unknown field '" + name + "' (allowed: " + String.join(", ", allowedFields) + ")");
            }
        }
        for (var field : json.properties()) {
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                return new Line(number, null, "field '" + field.getKey() + "' must be a string");
            }
        }
        return new Line(number, json, null);
    }
}
