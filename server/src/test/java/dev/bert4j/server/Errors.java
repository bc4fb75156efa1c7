package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two error shapes the server answers with, checked key by key. */
final class Errors {
    private Errors() {
    }

    /** The routes whose errors come in OpenAI's shape. */
    static boolean openAi(String path) {
        return path.startsWith("/v1/") || path.equals("/embeddings");
    }

    /** An error in the shape of {@code path}'s family; returns the message. */
    static String assertError(Http.Reply r, String path, int status, String teiErrorType) {
        return openAi(path) ? assertOpenAi(r, status) : assertTei(r, status, teiErrorType);
    }

    /** TEI's {@code {"error": message, "error_type": type}}, nothing else; returns the message. */
    static String assertTei(Http.Reply r, int status, String errorType) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.contentType()).as("%s", r).startsWith("application/json");
        JsonNode e = r.json();
        assertThat(e.isObject()).as("%s", r).isTrue();
        assertThat(fields(e)).as("%s", r).containsExactlyInAnyOrder("error", "error_type");
        assertThat(e.get("error").isTextual()).as("%s", r).isTrue();
        assertThat(e.get("error").asText()).as("%s", r).isNotBlank();
        assertThat(e.get("error_type").asText()).as("%s", r).isEqualTo(errorType);
        return e.get("error").asText();
    }

    /** OpenAI's {@code {"error": {"message", "type", "param", "code"}}}; returns the message. */
    static String assertOpenAi(Http.Reply r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.contentType()).as("%s", r).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(fields(body)).as("%s", r).containsExactly("error");
        JsonNode e = body.get("error");
        assertThat(fields(e)).as("%s", r).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(e.get("message").asText()).as("%s", r).isNotBlank();
        assertThat(e.get("type").isTextual()).as("%s", r).isTrue();
        assertThat(e.get("param").isNull() || e.get("param").isTextual()).as("%s", r).isTrue();
        assertThat(e.get("code").isNull() || e.get("code").isTextual()).as("%s", r).isTrue();
        return e.get("message").asText();
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
