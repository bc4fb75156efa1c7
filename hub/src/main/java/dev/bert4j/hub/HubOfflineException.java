package dev.bert4j.hub;

import java.util.List;

/**
 * Offline mode (or an unreachable Hub) and the cache lacks files the model needs. {@link #missing()}
 * lists them so a user can copy them into the cache.
 */
public final class HubOfflineException extends HubException {
    private static final long serialVersionUID = 1L;
    private final List<String> missing;

    public HubOfflineException(String message, List<String> missing, Throwable cause) {
        super(message, cause);
        this.missing = List.copyOf(missing);
    }

    /** Repository-relative paths of the files that are needed but not in the cache. */
    public List<String> missing() {
        return missing;
    }
}
