package dev.bert4j.hub;

/**
 * The transfer itself failed: a server error (5xx), a dropped or stalled connection, a malformed or
 * oversized response, or a redirect we refuse to follow. Partial downloads are kept as
 * {@code .incomplete} files, which are never loaded, and are resumed by the next attempt.
 */
public final class HubTransferException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubTransferException(String message) {
        super(message);
    }

    public HubTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
