package dev.bert4j.hub;

/** The Hub refused access (401/403): a private or gated repository, or a missing or invalid token. */
public final class HubAccessDeniedException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubAccessDeniedException(String message) {
        super(message);
    }
}
