package dev.bert4j.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One object of a JSON Lines file, with typed field access whose errors name file, line and field.
 *
 * @param file   the file name for messages
 * @param line   1-based line number
 * @param object the parsed object
 */
record JsonLine(String file, int line, ObjectNode object) {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses every non-blank line as one JSON object; a file with none is an error. */
    static List<JsonLine> parse(String file, String text) {
        String[] lines = DataFiles.lines(text);
        List<JsonLine> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            out.add(new JsonLine(file, i + 1, parseObject(file, i + 1, lines[i])));
        }
        if (out.isEmpty()) throw DataFiles.empty(file);
        return out;
    }

    private static ObjectNode parseObject(String file, int line, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw DatasetException.at(file, line, "malformed JSON (" + e.getOriginalMessage()
                    + "); a JSON Lines file holds one complete JSON object per line");
        }
        if (!(node instanceof ObjectNode o)) {
            throw DatasetException.at(file, line, "expected a JSON object, found " + node.getNodeType()
                    + "; a JSON Lines file holds one JSON object per line");
        }
        return o;
    }

    /** Fails when the object has a field outside {@code allowed}. */
    void onlyFields(Set<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error("unknown field \"" + name + "\"; the fields are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** True when the field is present and not null. */
    boolean has(String field) {
        JsonNode n = object.get(field);
        return n != null && !n.isNull();
    }

    JsonNode require(String field) {
        if (!has(field)) throw error("\"" + field + "\" is missing");
        return object.get(field);
    }

    String string(String field) {
        JsonNode n = require(field);
        if (!n.isTextual()) throw error("\"" + field + "\" must be a string, found " + n.getNodeType());
        return n.textValue();
    }

    /** The field as a string, or null when absent or null. */
    String optionalString(String field) {
        return has(field) ? string(field) : null;
    }

    int integer(String field) {
        JsonNode n = require(field);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw error("\"" + field + "\" must be an integer, found " + n);
        }
        return n.intValue();
    }

    List<String> strings(String field) {
        JsonNode n = require(field);
        if (!n.isArray()) throw error("\"" + field + "\" must be a list of strings, found " + n.getNodeType());
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) throw error("\"" + field + "\" must hold only strings, found " + e);
            out.add(e.textValue());
        }
        return out;
    }

    /** A label: a string, or a non-negative integer kept as its decimal text. */
    String label(String field, JsonNode n) {
        if (n.isTextual()) return n.textValue();
        if (n.isIntegralNumber()) {
            if (n.bigIntegerValue().signum() < 0) {
                throw error("\"" + field + "\" is " + n + ": a negative label usually marks unlabeled test data;"
                        + " labels are names or class indexes >= 0");
            }
            return n.bigIntegerValue().toString();
        }
        throw error("\"" + field + "\" must be a string or an integer, found " + n);
    }

    DatasetException error(String problem) {
        return DatasetException.at(file, line, problem);
    }
}
