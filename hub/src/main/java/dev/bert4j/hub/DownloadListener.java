package dev.bert4j.hub;

/**
 * Progress of Hub downloads, for a progress bar. Called on the thread that asked for the download, at
 * most every ~100 ms per file; implementations should return quickly.
 */
public interface DownloadListener {
    /** Reports nothing. */
    DownloadListener NONE = new DownloadListener() {};

    /**
     * A file starts downloading.
     *
     * @param totalBytes the file's full size
     * @param resumedFrom bytes already present from an earlier, interrupted download
     */
    default void started(HubModelId id, String file, long totalBytes, long resumedFrom) {}

    /** {@code bytesDone} of {@code totalBytes} are on disk. */
    default void progressed(HubModelId id, String file, long bytesDone, long totalBytes) {}

    /** The file is complete, verified and in the cache. */
    default void finished(HubModelId id, String file) {}
}
