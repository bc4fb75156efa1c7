package dev.bert4j.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One snapshot download: the first HEAD pins the commit and every later file is asked for at that
 * commit, so all files come from one version even if the branch moves meanwhile. Falls back to the
 * cache when offline or when the Hub cannot be reached.
 */
final class SnapshotSession implements FileSource {
    private final HubClient client;
    private final HubCache cache;
    private final HubModelId id;
    private final List<String> files = new ArrayList<>();
    private String commit;
    private String offlineReason;
    private HubClient.Unreachable unreachable;

    SnapshotSession(HubClient client, HubModelId id) {
        this.client = client;
        this.cache = client.cache();
        this.id = id;
        if (client.settings().offline()) {
            offlineReason = "offline mode is on (HF_HUB_OFFLINE)";
        }
    }

    @Override
    public Optional<Path> optional(String path) {
        return fetch(RepoPath.check(path), false);
    }

    @Override
    public Path required(String path) {
        return fetch(RepoPath.check(path), true).orElseThrow(() -> new HubNotFoundException(
                path + " does not exist in " + id + (commit == null ? "" : " (commit " + commit + ")")));
    }

    @Override
    public Path firstOf(List<String> candidates) {
        for (String candidate : candidates) {
            Optional<Path> found = optional(candidate);
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (offlineReason != null) {
            throw offline("none of " + candidates + " is in the cache", candidates);
        }
        throw new HubNotFoundException(id + " has none of " + candidates);
    }

    Snapshot result() {
        if (commit == null) {
            throw new HubNotFoundException("none of the requested files exists in " + id);
        }
        return new Snapshot(id, commit, cache.snapshotFolder(id, commit), files, Optional.ofNullable(offlineReason));
    }

    private Optional<Path> fetch(String path, boolean required) {
        if (offlineReason == null) {
            try {
                return online(path, required);
            } catch (HubClient.Unreachable e) {
                unreachable = e;
                offlineReason = e.getMessage();
            }
        }
        return fromCache(path, required);
    }

    private Optional<Path> online(String path, boolean required) throws HubClient.Unreachable {
        HubClient.Head head = client.head(id, commit == null ? id.revision() : commit, path);
        if (head instanceof HubClient.Head.Absent absent) {
            absent.commit().ifPresent(c -> {
                pin(c);
                cache.markAbsent(id, c, path);
            });
            return Optional.empty();
        }
        FileMetadata meta = ((HubClient.Head.Found) head).meta();
        pin(meta.commit());
        if (cache.lookup(id, commit, path) instanceof CachedFile.Present present
                && Files.isRegularFile(cache.blob(id, meta.etag()))) {
            files.add(path);
            return Optional.of(present.path());
        }
        Path blob = cache.blob(id, meta.etag());
        cache.withBlobLock(id, meta.etag(), () -> {
            if (!Files.isRegularFile(blob)) {
                client.downloader().download(new BlobDownloader.Job(id, path, meta, cache.incompleteBlob(id, meta.etag()),
                        blob, client.listener()));
            }
            return blob;
        });
        Path pointer = cache.link(id, commit, path, meta.etag());
        files.add(path);
        return Optional.of(pointer);
    }

    private void pin(String resolved) {
        if (commit == null) {
            commit = resolved;
            cache.writeRef(id, resolved);
        } else if (!commit.equals(resolved)) {
            throw new HubTransferException("the Hub resolved files of " + id + " to two commits, " + commit + " and "
                    + resolved + "; refusing to mix them");
        }
    }

    private Optional<Path> fromCache(String path, boolean required) {
        if (commit == null) {
            commit = cache.commitFor(id).orElse(null);
        }
        if (commit == null) {
            if (!required) {
                return Optional.empty();
            }
            throw offline(id + " was never downloaded into this cache (no "
                    + cache.repoFolder(id).resolve("refs").resolve(id.revision()) + ")", List.of(path));
        }
        CachedFile cached = cache.lookup(id, commit, path);
        if (cached instanceof CachedFile.Present present) {
            files.add(path);
            return Optional.of(present.path());
        }
        if (required && cached instanceof CachedFile.NotCached) {
            throw offline(path + " is not in the cache", List.of(path));
        }
        return Optional.empty();
    }

    private HubOfflineException offline(String what, List<String> missing) {
        String folder = commit == null ? cache.repoFolder(id).toString() : cache.snapshotFolder(id, commit).toString();
        return new HubOfflineException(offlineReason + ", and " + what + " for " + id + " (looked in " + folder
                + "). Missing: " + String.join(", ", missing) + ". Connect to the network and unset HF_HUB_OFFLINE,"
                + " or copy a cache that has the model and point HF_HUB_CACHE at it.", missing, unreachable);
    }
}
