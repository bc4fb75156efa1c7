package dev.bert4j.hub;

/** A downloaded file does not match the size or SHA-256 the Hub announced; it was deleted. */
public final class HubIntegrityException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubIntegrityException(String message) {
        super(message);
    }
}
