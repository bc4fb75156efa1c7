package dev.bert4j.tokenizers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads JSON into Jackson's tree nodes straight from the streaming parser, giving the same tree as
 * {@code ObjectMapper.readTree} (ints as int nodes, longs as long nodes, floats as doubles, the last of repeated
 * keys, the parser's default limits on nesting and sizes) without an {@code ObjectMapper}: setting one up costs a
 * fresh JVM a tenth of a second or more (type factory, date formats, locale data), which every command would pay
 * before its first answer for reading a few configuration files. The modules read their model files with it.
 */
public final class JsonTrees {
    /**
     * Field names are not interned: a vocabulary object has tens of thousands of distinct keys, read once, and
     * putting each into the JVM's string table is wasted work at start. (Canonicalization stays on: without it
     * Jackson decodes bytes through a reader that replaces malformed UTF-8 instead of refusing it.)
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** The tree of {@code json}; null when it holds no value at all (as {@code readTree} gives a missing node). */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return p.nextToken() == null ? null : value(p);
        }
    }

    /** {@link #read(byte[])} of a string. */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return p.nextToken() == null ? null : value(p);
        }
    }

    /** A streaming parser over {@code json} with the same settings and limits as {@link #read(byte[])}. */
    static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    private static JsonNode value(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            throw new IOException("unexpected end of input at " + p.currentLocation());
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
        };
    }

    private static ObjectNode object(JsonParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            o.set(key, value(p));
        }
        return o;
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p));
        }
        return a;
    }
}
