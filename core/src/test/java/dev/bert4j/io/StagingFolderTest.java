package dev.bert4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which staging folders are stale and removed, which are kept, and how the rename race ends. */
class StagingFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWhoseLockNobodyHoldsIsRemovedWithItsLock() throws IOException {
        Path target = dir.resolve("model");
        Path dead = Files.createDirectories(dir.resolve(".model.tmp-4194999-0a1b2c3d-4e5f"));
        Files.writeString(dead.resolve("model.safetensors"), "partial");
        Files.createFile(dir.resolve(".model.tmp-4194999-0a1b2c3d-4e5f.lock"));
        Files.createFile(dir.resolve(".model.tmp-4195000-99999999-0000.lock"));      // its folder was already gone
        Files.createDirectories(dir.resolve("other"));
        Files.createDirectories(dir.resolve(".other.tmp-4194999-0a1b2c3d-4e5f"));
        Files.createFile(dir.resolve(".other.tmp-4194999-0a1b2c3d-4e5f.lock"));
        StagingFolder.removeStale(target);
        assertThat(list()).containsExactly(".other.tmp-4194999-0a1b2c3d-4e5f", ".other.tmp-4194999-0a1b2c3d-4e5f.lock",
                "other");
    }

    @Test
    void aFolderWithoutALockIsRemovedOnlyOnceItIsADayOld() throws IOException {
        Path target = dir.resolve("model");
        Path recent = Files.createDirectories(dir.resolve(".model.tmp-123456789"));
        Path old = Files.createDirectories(dir.resolve(".model.tmp-987654321"));
        Files.writeString(old.resolve("config.json"), "{}");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(StagingFolder.UNLOCKED_STALE_AGE)
                .minusSeconds(60)));
        StagingFolder.removeStale(target);
        assertThat(recent).exists();
        assertThat(old).doesNotExist();
    }

    @Test
    void aLiveFolderIsKeptAndBecomesTheTarget() throws IOException {
        Path target = dir.resolve("model");
        try (StagingFolder staging = StagingFolder.create(target)) {
            Files.writeString(staging.path().resolve("config.json"), "{}");
            StagingFolder.removeStale(target);
            assertThat(staging.path().resolve("config.json")).exists();
            assertThat(staging.moveIntoPlace(d -> true)).isTrue();
        }
        assertThat(list()).containsExactly("model");
        assertThat(target.resolve("config.json")).exists();
    }

    @Test
    void losingTheRenameToACompleteTargetIsSuccessAndToAnIncompleteOneAnError() throws IOException {
        Path target = Files.createDirectories(dir.resolve("model"));
        Files.writeString(target.resolve("config.json"), "{\"winner\": true}");
        try (StagingFolder staging = StagingFolder.create(target)) {
            Files.writeString(staging.path().resolve("config.json"), "{}");
            assertThat(staging.moveIntoPlace(d -> Files.exists(d.resolve("config.json")))).isFalse();
        }
        assertThat(list()).containsExactly("model");
        assertThat(Files.readString(target.resolve("config.json"))).contains("winner");
        try (StagingFolder staging = StagingFolder.create(target)) {
            Files.writeString(staging.path().resolve("config.json"), "{}");
            assertThatThrownBy(() -> staging.moveIntoPlace(d -> false)).isInstanceOf(IOException.class);
        }
        assertThat(list()).containsExactly("model");
    }

    private List<String> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
