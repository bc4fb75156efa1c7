package dev.bert4j.hub;

import java.nio.file.Path;
import java.util.Objects;

/** What the cache knows about one file of one snapshot. */
public sealed interface CachedFile {
    /** The file is in the snapshot folder (a symlink into {@code blobs/} or a plain copy). */
    record Present(Path path) implements CachedFile {
        public Present {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A {@code .no_exist} marker records that the Hub said the file does not exist at this commit. */
    record KnownAbsent() implements CachedFile {}

    /** The cache knows nothing about the file. */
    record NotCached() implements CachedFile {}
}
