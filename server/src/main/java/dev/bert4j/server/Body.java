package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a JSON request body. A field of the wrong type is a 422 naming the field and what it
 * should be; unknown fields are ignored, as TEI and OpenAI ignore them (clients send extra fields such as
 * {@code user}).
 */
final class Body {
    private final JsonNode node;

    Body(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.validation("the body must be a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        this.node = node;
    }

    JsonNode raw() {
        return node;
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    JsonNode required(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.validation(field, "missing field `" + field + "`");
        }
        return v;
    }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw wrongType(field, v, "a string");
        }
        return v.asText();
    }

    String optText(String field) {
        return has(field) ? text(field) : null;
    }

    boolean bool(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw wrongType(field, v, "a boolean");
        }
        return v.asBoolean();
    }

    Boolean optBool(String field) {
        return has(field) ? bool(field, false) : null;
    }

    Integer optInt(String field) {
        if (!has(field)) {
            return null;
        }
        return integer(field, node.get(field));
    }

    int integer(String field, int fallback) {
        Integer v = optInt(field);
        return v == null ? fallback : v;
    }

    List<String> optTexts(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw wrongType(field, v, "a list of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(field, e, "a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    static int integer(String field, JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw wrongType(field, v, "an integer");
        }
        return v.asInt();
    }

    static ApiException wrongType(String field, JsonNode v, String expected) {
        return ApiException.validation(field, "`" + field + "` must be " + expected + ", got "
                + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                + (v.isValueNode() ? " " + abbreviate(v.toString()) : ""));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
