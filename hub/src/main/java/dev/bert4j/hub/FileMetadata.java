package dev.bert4j.hub;

import java.net.URI;
import java.util.Objects;

/**
 * What a HEAD on a resolve URL tells about one file, as huggingface_hub's {@code HfFileMetadata}.
 *
 * @param commit {@code X-Repo-Commit}: the commit the revision resolved to
 * @param etag {@code X-Linked-Etag} (LFS files: the sha256) or {@code ETag} (git blob sha1), unquoted
 * @param size {@code X-Linked-Size} or {@code Content-Length}
 * @param location where to GET the bytes: the redirect target (CDN) or the resolve URL itself
 */
public record FileMetadata(String commit, String etag, long size, URI location) {
    public FileMetadata {
        HubCache.checkCommit(commit);
        HubCache.checkEtag(etag);
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new HubException("negative file size " + size);
        }
    }
}
