package dev.bert4j.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Gives a {@link FileSelection} the files of one repository snapshot, downloading them if needed. */
public interface FileSource {
    /**
     * The file, or empty when the repository does not have it.
     *
     * @throws HubException for any failure other than the file not existing
     */
    Optional<Path> optional(String path);

    /**
     * The file.
     *
     * @throws HubNotFoundException when the repository does not have it
     * @throws HubOfflineException when offline and the cache lacks it
     */
    Path required(String path);

    /**
     * The first of {@code candidates} the repository has (e.g. the preferred weights format first).
     *
     * @throws HubNotFoundException or {@link HubOfflineException} naming all candidates when none exists
     */
    Path firstOf(List<String> candidates);
}
