package dev.bert4j.hub;

/**
 * Base of every failure the Hub client and cache report. Each subclass names one kind of problem a
 * user can act on; the message always says which repository, file and cache folder were involved.
 */
public class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
