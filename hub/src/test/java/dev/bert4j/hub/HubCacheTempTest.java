package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed between writing a snapshot link (or ref) under a temporary name and renaming it leaves
 * that temporary file; the next run that writes the same link removes it once its writer is provably dead.
 */
class HubCacheTempTest {
    static final String COMMIT = "00112233445566778899aabbccddeeff00112233";

    @TempDir
    Path root;

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        return p.pid();
    }

    @Test
    void temporaryLinksAndRefsOfDeadWritersAreRemovedAndLiveOnesKept() throws Exception {
        HubCache cache = new HubCache(root);
        HubModelId id = HubModelId.parse("org/tmp-bert");
        String etag = "a".repeat(64);
        Files.createDirectories(cache.blob(id, etag).getParent());
        Files.writeString(cache.blob(id, etag), "weights");
        Path snapshot = Files.createDirectories(cache.snapshotFolder(id, COMMIT));
        Path refs = Files.createDirectories(cache.repoFolder(id).resolve("refs"));
        long dead = deadPid();
        Path deadLink = snapshot.resolve("model.safetensors." + dead + "-" + UUID.randomUUID() + ".tmp");
        Files.createSymbolicLink(deadLink, Path.of("../../blobs/" + etag));
        Path liveLink = snapshot.resolve("model.safetensors." + ProcessHandle.current().pid() + "-" + UUID.randomUUID()
                + ".tmp");
        Files.createSymbolicLink(liveLink, Path.of("../../blobs/" + etag));
        Path oldUnowned = snapshot.resolve("model.safetensors." + UUID.randomUUID() + ".tmp");
        Files.writeString(oldUnowned, "a copy, where links are not allowed");
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(HubCache.UNOWNED_TEMP_AGE)
                .minusSeconds(60)));
        Path newUnowned = snapshot.resolve("model.safetensors." + UUID.randomUUID() + ".tmp");
        Files.createSymbolicLink(newUnowned, Path.of("../../blobs/" + etag));
        Path deadRef = refs.resolve("main." + dead + "-" + UUID.randomUUID() + ".tmp");
        Files.writeString(deadRef, COMMIT);
        Path other = Files.writeString(snapshot.resolve("config.json." + dead + "-" + UUID.randomUUID() + ".tmp"), "");

        cache.link(id, COMMIT, "model.safetensors", etag);
        cache.writeRef(id, COMMIT);

        assertThat(Files.readString(snapshot.resolve("model.safetensors"))).isEqualTo("weights");
        assertThat(Files.exists(deadLink, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(oldUnowned, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(deadRef).doesNotExist();
        assertThat(Files.exists(liveLink, LinkOption.NOFOLLOW_LINKS)).isTrue();     // this process may be writing it
        assertThat(Files.exists(newUnowned, LinkOption.NOFOLLOW_LINKS)).isTrue();   // its writer cannot be told
        assertThat(other).exists();                                                 // another file's, cleaned with it
        assertThat(Files.readString(refs.resolve("main"))).isEqualTo(COMMIT);
    }
}
