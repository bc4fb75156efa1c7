package dev.bert4j.server;

/**
 * A request the server answers with an error: the HTTP status, the TEI {@code error_type} and a message the
 * client can act on. Routes throw it; the handler writes it in the error shape of the route's family (TEI's
 * {@code {"error", "error_type"}} or OpenAI's {@code {"error": {"message", "type", "param", "code"}}}).
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String param;

    ApiException(int status, String errorType, String message, String param) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.param = param;
    }

    /** 422: the request is well-formed JSON but asks for something the model cannot do. */
    static ApiException validation(String message) {
        return new ApiException(422, "Validation", message, null);
    }

    /** 422 for one named field. */
    static ApiException validation(String param, String message) {
        return new ApiException(422, "Validation", message, param);
    }

    /** 400: the body is not JSON, or the request makes no sense for this server. */
    static ApiException badRequest(String message) {
        return new ApiException(400, "Validation", message, null);
    }

    /** 413: the body is larger than {@code --payload-limit}. */
    static ApiException payloadTooLarge(long size, int limit) {
        return new ApiException(413, "Validation", (size < 0 ? "the body is" : "the body of " + size + " bytes is")
                + " larger than the payload limit of " + limit + " bytes", null);
    }

    /** 415: the body is not declared as JSON. */
    static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "Validation", "Expected request with `Content-Type: application/json`"
                + (contentType == null ? "" : ", got `" + contentType + "`"), null);
    }

    /** 429: fewer free slots than the request has inputs. */
    static ApiException overloaded() {
        return new ApiException(429, "Overloaded", "Model is overloaded", null);
    }

    /** 404: no such route. */
    static ApiException notFound(String path) {
        return new ApiException(404, "Validation", "no route " + path, null);
    }

    /** 405: the route exists with another method. */
    static ApiException methodNotAllowed(String method, String path, String allowed) {
        return new ApiException(405, "Validation", path + " takes " + allowed + ", not " + method, null);
    }

    /** 424 as TEI: the model has no head for this route (e.g. /predict on an embedding model). */
    static ApiException notSupported(String message) {
        return new ApiException(424, "Backend", message, null);
    }

    /** 503: the server is shutting down. */
    static ApiException unavailable(String message) {
        return new ApiException(503, "Unhealthy", message, null);
    }

    /** 500: the model failed on a valid request (a bug of ours, never a client's mistake). */
    static ApiException backend(String message) {
        return new ApiException(500, "Backend", message, null);
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    String param() {
        return param;
    }
}
