package dev.bert4j.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Hub cache, laid out exactly as Python's huggingface_hub lays it out, so files downloaded by
 * either are used by the other:
 *
 * <pre>
 * {root}/models--{org}--{name}/
 *     blobs/{etag}                       file contents, named by sha256 (LFS) or git blob sha1
 *     blobs/{etag}.incomplete            a download in progress; never read as a model file
 *     refs/{revision}                    the commit hash the revision pointed to (no newline)
 *     snapshots/{commit}/{path}          relative symlink to ../../blobs/{etag} (one more ../ per folder)
 *     .no_exist/{commit}/{path}          empty marker: the Hub said this file does not exist
 * {root}/.locks/models--{org}--{name}/{etag}.lock
 * </pre>
 */
public final class HubCache {
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final long MAX_REF_BYTES = 1024;
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    /** Age after which a temporary link or ref without a pid (from earlier versions) is removed. */
    static final Duration UNOWNED_TEMP_AGE = Duration.ofDays(1);

    private final Path root;

    public HubCache(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code {root}/models--org--name}. */
    public Path repoFolder(HubModelId id) {
        return root.resolve(id.cacheFolderName());
    }

    /** {@code snapshots/{commit}} of the repository. */
    public Path snapshotFolder(HubModelId id, String commit) {
        return repoFolder(id).resolve("snapshots").resolve(checkCommit(commit));
    }

    /**
     * The commit the id's revision resolves to in the cache: the revision itself when it is a commit
     * hash, else the hash stored in {@code refs/{revision}}.
     *
     * @throws HubException when the ref file exists but does not hold a commit hash
     */
    public Optional<String> commitFor(HubModelId id) {
        if (id.revisionIsCommit()) {
            return Optional.of(id.revision());
        }
        Path ref = RepoPath.resolve(repoFolder(id).resolve("refs"), id.revision());
        try {
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            if (Files.size(ref) > MAX_REF_BYTES) {
                throw new HubException("cache ref " + ref + " is not a commit hash (too large); delete it");
            }
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (!HubModelId.isCommitHash(commit)) {
                throw new HubException("cache ref " + ref + " holds '" + commit + "', not a 40-character commit"
                        + " hash; delete it and download again");
            }
            return Optional.of(commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache ref " + ref, e);
        }
    }

    /** Records that the id's revision points at {@code commit} (nothing to do for a commit revision). */
    public void writeRef(HubModelId id, String commit) {
        checkCommit(commit);
        if (id.revision().equals(commit)) {
            return;
        }
        Path ref = RepoPath.resolve(repoFolder(id).resolve("refs"), id.revision());
        try {
            Optional<String> current = commitFor(id);
            if (current.isPresent() && current.get().equals(commit)) {
                return;
            }
            Files.createDirectories(ref.getParent());
            removeDeadTemps(ref);
            Path tmp = tempSibling(ref);
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveAtomically(tmp, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache ref " + ref, e);
        }
    }

    /** What the cache holds for {@code path} at {@code commit}, as huggingface_hub's try_to_load_from_cache. */
    public CachedFile lookup(HubModelId id, String commit, String path) {
        Path marker = RepoPath.resolve(repoFolder(id).resolve(".no_exist").resolve(checkCommit(commit)), path);
        if (Files.isRegularFile(marker)) {
            return new CachedFile.KnownAbsent();
        }
        Path pointer = RepoPath.resolve(snapshotFolder(id, commit), path);
        // isRegularFile follows the symlink: a link whose blob is gone counts as not cached.
        return Files.isRegularFile(pointer) ? new CachedFile.Present(pointer) : new CachedFile.NotCached();
    }

    /** Writes the {@code .no_exist/{commit}/{path}} marker. */
    public void markAbsent(HubModelId id, String commit, String path) {
        Path marker = RepoPath.resolve(repoFolder(id).resolve(".no_exist").resolve(checkCommit(commit)), path);
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(marker);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process wrote it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache marker " + marker, e);
        }
    }

    /** {@code blobs/{etag}}. */
    public Path blob(HubModelId id, String etag) {
        return repoFolder(id).resolve("blobs").resolve(checkEtag(etag));
    }

    /** {@code blobs/{etag}.incomplete}, where a download in progress is written. */
    public Path incompleteBlob(HubModelId id, String etag) {
        return repoFolder(id).resolve("blobs").resolve(checkEtag(etag) + ".incomplete");
    }

    /**
     * Points {@code snapshots/{commit}/{path}} at {@code blobs/{etag}} with a relative symlink, replacing
     * whatever was there; where symlinks are not allowed, copies the blob instead (as huggingface_hub
     * does on Windows).
     */
    public Path link(HubModelId id, String commit, String path, String etag) {
        Path blob = blob(id, etag);
        Path pointer = RepoPath.resolve(snapshotFolder(id, commit), path);
        Path tmp = tempSibling(pointer);
        try {
            Files.createDirectories(pointer.getParent());
            removeDeadTemps(pointer);
            Path relative = pointer.getParent().relativize(blob);
            try {
                Files.createSymbolicLink(tmp, relative);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            moveAtomically(tmp, pointer);
            return pointer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + pointer + " to " + blob, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stray .tmp link is never read as a model file
            }
        }
    }

    /**
     * Holds the inter-process lock {@code .locks/models--org--name/{etag}.lock} while {@code action}
     * runs, so two processes never write the same blob at once.
     */
    public <T> T withBlobLock(HubModelId id, String etag, java.util.function.Supplier<T> action) {
        Path lockFile = root.resolve(".locks").resolve(id.cacheFolderName()).resolve(checkEtag(etag) + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = acquire(channel, lockFile);
                try {
                    return action.get();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    private static FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // held by another thread of this JVM: wait like for another process
            }
            if (System.nanoTime() > deadline) {
                throw new HubException("waited " + LOCK_WAIT.toMinutes() + " minutes for " + lockFile
                        + "; another download of this file seems stuck. Stop it, or delete the lock file");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException("interrupted while waiting for " + lockFile, e);
            }
        }
    }

    /**
     * {@code {file}.{pid}-{uuid}.tmp}: a link or ref written and then renamed over {@code file}. The pid
     * lets a later run prove that the writer died (kill -9) between the two steps.
     */
    private static Path tempSibling(Path file) {
        return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-" + UUID.randomUUID()
                + ".tmp");
    }

    /**
     * Deletes the temporary siblings of {@code file} whose writer is no longer running, and those without a
     * pid (written by earlier versions) once they are older than {@link #UNOWNED_TEMP_AGE}. A pid reused by
     * another process only delays the clean-up; a live writer's file is never touched.
     */
    static void removeDeadTemps(Path file) throws IOException {
        Pattern temp = Pattern.compile(Pattern.quote(file.getFileName().toString())
                + "\\.(?:(\\d{1,18})-)?[0-9a-f-]{36}\\.tmp");
        List<Path> siblings;
        try (Stream<Path> s = Files.list(file.getParent())) {
            siblings = s.filter(p -> temp.matcher(p.getFileName().toString()).matches()).toList();
        }
        for (Path sibling : siblings) {
            Matcher m = temp.matcher(sibling.getFileName().toString());
            m.matches();
            boolean dead = m.group(1) != null
                    ? ProcessHandle.of(Long.parseLong(m.group(1))).filter(ProcessHandle::isAlive).isEmpty()
                    : olderThan(sibling, UNOWNED_TEMP_AGE);
            if (dead) {
                Files.deleteIfExists(sibling);
            }
        }
    }

    private static boolean olderThan(Path p, Duration age) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .isBefore(java.time.Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String checkCommit(String commit) {
        if (!HubModelId.isCommitHash(commit)) {
            throw new HubException("'" + commit + "' is not a 40-character lowercase hex commit hash");
        }
        return commit;
    }

    static String checkEtag(String etag) {
        if (etag == null || !ETAG.matcher(etag).matches()) {
            throw new HubException("the Hub sent the file id (ETag) '" + etag + "', which is not a hash;"
                    + " refusing to use it as a cache file name");
        }
        return etag;
    }

    static boolean isSha256(String etag) {
        return etag.length() == 64 && etag.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
