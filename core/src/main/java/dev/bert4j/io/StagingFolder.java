package dev.bert4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A temporary sibling folder in which a model directory is written before one atomic rename puts it in
 * place, so the target is either complete or absent: used by the default-model cache, ONNX conversion,
 * PyTorch conversion and training checkpoints.
 *
 * <p>The folder is {@code .{target}.tmp-{pid}-{random}} beside the target. Its owner holds an exclusive
 * {@link FileChannel#lock() lock} on the sibling file {@code .{target}.tmp-{pid}-{random}.lock} from before
 * the folder exists until after it is gone. The operating system drops that lock when the owner dies,
 * even by {@code kill -9}, so a staging folder whose lock can be taken belongs to no live process:
 * {@link #removeStale} deletes it, and never one a live process is writing. A staging folder with no lock
 * file (written by bert4j before the lock existed) is deleted once it is older than
 * {@link #UNLOCKED_STALE_AGE}. Lock files of this very process are never opened by the cleaner, because
 * closing any channel on a file drops all of the process's locks on it.
 *
 * <p>Two writers of the same target may race: the one that renames first wins, and the other, finding
 * a complete target in place, discards its copy and reports success ({@link #moveIntoPlace}).
 */
public final class StagingFolder implements AutoCloseable {
    /** Age after which a staging folder without a lock file (from older bert4j versions) is removed. */
    public static final Duration UNLOCKED_STALE_AGE = Duration.ofDays(1);
    private static final String TMP = ".tmp-";
    private static final String LOCK = ".lock";

    private final Path target;
    private final Path folder;
    private final Path lockFile;
    private final FileChannel channel;

    private StagingFolder(Path target, Path folder, Path lockFile, FileChannel channel) {
        this.target = target;
        this.folder = folder;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /**
     * Removes the stale staging folders of {@code target}, then creates and locks a fresh one.
     *
     * @throws IOException when the parent folder cannot be written
     */
    public static StagingFolder create(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(abs.getParent());
        removeStale(abs);
        String prefix = prefix(abs) + ProcessHandle.current().pid() + "-";
        while (true) {
            Path lockFile = parent.resolve(prefix + UUID.randomUUID().toString().substring(0, 13) + LOCK);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            if (!Files.exists(lockFile)) {
                channel.close();                // a cleaner took it before our lock: it is gone, pick another
                continue;
            }
            Path folder = parent.resolve(stripLock(lockFile.getFileName().toString()));
            Files.createDirectory(folder);
            return new StagingFolder(abs, folder, lockFile, channel);
        }
    }

    /** The folder to write into. */
    public Path path() {
        return folder;
    }

    /**
     * Renames the folder to the target in one step.
     *
     * @param isComplete whether a folder already at the target is a finished one (another process won)
     * @return true when this folder became the target, false when a complete target was already there
     * @throws IOException when the rename fails and no complete target is in place
     */
    public boolean moveIntoPlace(Predicate<Path> isComplete) throws IOException {
        try {
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + folder + " to " + target + " atomically", e);
        } catch (FileSystemException e) {
            // FileAlreadyExists, DirectoryNotEmpty, or on Linux a plain "Directory not empty"
            if (Files.isDirectory(target) && isComplete.test(target)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes whatever is left of the folder, then its lock file, then lets go of the lock. */
    @Override
    public void close() {
        try {
            deleteTree(folder);
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // left for removeStale: once our lock is released the folder is provably ownerless
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock whether or not it reports an error
            }
        }
    }

    /** Deletes the staging folders (and lock files) of {@code target} whose owner is gone; see the class notes. */
    public static void removeStale(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = prefix(abs);
        String own = prefix + ProcessHandle.current().pid() + "-";
        List<Path> entries;
        try (Stream<Path> s = Files.list(parent)) {
            entries = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(own)) {
                continue;
            }
            if (name.endsWith(LOCK)) {
                removeIfOwnerless(entry, parent.resolve(stripLock(name)));
            } else if (!Files.exists(parent.resolve(name + LOCK)) && olderThan(entry, UNLOCKED_STALE_AGE)) {
                deleteTree(entry);
            }
        }
    }

    private static void removeIfOwnerless(Path lockFile, Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return;                                 // its owner just finished
        }
        try (channel) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return;                             // a live process holds it
            }
            deleteTree(folder);
            Files.deleteIfExists(lockFile);
        } catch (OverlappingFileLockException e) {
            // held inside this JVM: alive
        }
    }

    private static boolean olderThan(Path p, Duration age) throws IOException {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(age));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + TMP;
    }

    private static String stripLock(String name) {
        return name.substring(0, name.length() - LOCK.length());
    }

    /** Deletes {@code dir} and everything in it; nothing to do when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile by its owner
        }
    }
}
