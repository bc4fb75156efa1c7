package dev.bert4j.hub;

/** A repository, revision or required file does not exist on the Hub (404). */
public final class HubNotFoundException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubNotFoundException(String message) {
        super(message);
    }
}
