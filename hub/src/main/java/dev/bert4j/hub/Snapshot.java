package dev.bert4j.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model's files in the cache.
 *
 * @param id the repository and the revision asked for
 * @param commit the commit the revision resolved to
 * @param folder {@code snapshots/{commit}}, usable as a model directory
 * @param files repository paths of the files the selection fetched, in the order fetched
 * @param offlineReason empty when the Hub was asked; otherwise why only the cache was used
 */
public record Snapshot(HubModelId id, String commit, Path folder, List<String> files, java.util.Optional<String> offlineReason) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        HubCache.checkCommit(commit);
        Objects.requireNonNull(folder, "folder");
        files = List.copyOf(files);
        Objects.requireNonNull(offlineReason, "offlineReason");
    }
}
