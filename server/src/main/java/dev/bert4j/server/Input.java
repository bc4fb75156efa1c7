package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One input of an embedding request: a text, or token ids the client tokenized itself (TEI and OpenAI take both). */
sealed interface Input {
    record Text(String text) implements Input {
    }

    record Ids(int[] ids) implements Input {
    }

    /**
     * The inputs of TEI's {@code inputs} or OpenAI's {@code input}: a string, a list of strings, a list of token
     * ids (one input), or a list of lists of token ids. Never empty.
     *
     * @param field the field's name, for the error messages
     */
    static List<Input> parse(String field, JsonNode v, int maxClientBatchSize) {
        if (v == null || v.isNull()) {
            throw ApiException.validation(field, "missing field `" + field + "`");
        }
        if (v.isTextual()) {
            return List.of(new Text(v.asText()));
        }
        if (!v.isArray()) {
            throw Body.wrongType(field, v, "a string, a list of strings or a list of token ids");
        }
        if (v.isEmpty()) {
            throw ApiException.validation(field, "`" + field + "` cannot be empty");
        }
        if (v.get(0).isNumber()) {
            return List.of(new Ids(ids(field, v)));
        }
        if (v.size() > maxClientBatchSize) {
            throw ApiException.validation(field, "batch size " + v.size() + " > maximum allowed batch size "
                    + maxClientBatchSize);
        }
        List<Input> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isTextual()) {
                out.add(new Text(e.asText()));
            } else if (e.isArray()) {
                out.add(new Ids(ids(field, e)));
            } else {
                throw Body.wrongType(field, e, "a string or a list of token ids");
            }
        }
        return out;
    }

    private static int[] ids(String field, JsonNode v) {
        int[] ids = new int[v.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt() || e.asInt() < 0) {
                throw Body.wrongType(field, e, "a list of token ids (integers from 0)");
            }
            ids[i] = e.asInt();
        }
        return ids;
    }
}
