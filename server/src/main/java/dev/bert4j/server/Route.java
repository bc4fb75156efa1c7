package dev.bert4j.server;

/**
 * One route of the server: its method, path, the family whose error shape it answers with, and what it does
 * with a request body (null for a GET).
 */
record Route(String method, String path, Family family, Handler handler) {

    /** Whose conventions a route follows for errors. */
    enum Family {
        /** text-embeddings-inference: {@code {"error", "error_type"}}. */
        TEI,
        /** OpenAI: {@code {"error": {"message", "type", "param", "code"}}}. */
        OPENAI
    }

    @FunctionalInterface
    interface Handler {
        /** The answer: an object written as JSON, or a {@link Raw} body. */
        Object handle(Body body);
    }

    /** A body that is not JSON (Prometheus text). */
    record Raw(byte[] bytes, String contentType) {
    }
}
