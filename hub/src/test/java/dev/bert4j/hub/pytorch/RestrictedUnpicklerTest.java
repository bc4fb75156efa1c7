package dev.bert4j.hub.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile pickles. To prove that nothing from the file runs, every dangerous name is also registered in
 * Pyrolite's own (process-wide) constructor registry with a constructor that creates a marker file: a
 * plain Pyrolite Unpickler calls it, ours must never reach it.
 */
class RestrictedUnpicklerTest {
    private static final String[][] DANGEROUS = {
        {"os", "system"}, {"posix", "system"}, {"builtins", "eval"}, {"builtins", "exec"}, {"__builtin__", "exec"},
        {"subprocess", "Popen"}, {"torch", "load"}, {"collections", "defaultdict"}, {"builtins", "getattr"},
    };

    @TempDir
    Path dir;
    private Path marker;

    @BeforeEach
    void registerMarkerConstructors() {
        marker = dir.resolve("pwned");
        for (String[] global : DANGEROUS) {
            Unpickler.registerConstructor(global[0], global[1], args -> {
                try {
                    Files.writeString(marker, global[0] + "." + global[1]);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return "ran";
            });
        }
    }

    @AfterEach
    void nothingRan() {
        assertThat(marker).doesNotExist();
    }

    private static RestrictedUnpickler unpickler() {
        return new RestrictedUnpickler("test.pkl", TorchGlobals.create("test.pkl"), pid -> StorageIds.zip("test.pkl", pid));
    }

    private static Object load(byte[] pickle) {
        return unpickler().read(new ByteArrayInputStream(pickle));
    }

    private static byte[] callGlobal(String module, String name) {
        return new PickleWriter().proto(2).global(module, name).mark().unicode("touch pwned").tuple().reduce().stop()
                .toBytes();
    }

    @Test
    void theMarkerConstructorsReallyRunInPlainPyrolite() throws IOException {
        Object result = new Unpickler().loads(callGlobal("os", "system"));
        assertThat(result).isEqualTo("ran");
        assertThat(marker).exists();
        Files.delete(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os.system", "posix.system", "builtins.eval", "builtins.exec", "__builtin__.exec",
        "subprocess.Popen", "torch.load", "collections.defaultdict", "builtins.getattr"})
    void dangerousGlobalsAreRefusedByName(String qualified) {
        int dot = qualified.indexOf('.');
        String module = qualified.substring(0, dot);
        String name = qualified.substring(dot + 1);
        assertThatThrownBy(() -> load(callGlobal(module, name))).isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("'" + qualified + "'").hasMessageContaining("nothing in the file was run");
        byte[] stackGlobal = new PickleWriter().proto(4).stackGlobal(module, name).mark().unicode("x").tuple()
                .reduce().stop().toBytes();
        assertThatThrownBy(() -> load(stackGlobal)).isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining(qualified);
    }

    @Test
    void instObjNewobjAndExtOpcodesAreRefused() {
        byte[] inst = new PickleWriter().proto(2).mark().unicode("touch pwned").op('i')
                .bytes("os\nsystem\n".getBytes()).stop().toBytes();
        assertThatThrownBy(() -> load(inst)).isInstanceOf(UnsafePickleException.class).hasMessageContaining("INST");
        byte[] obj = new PickleWriter().proto(2).mark().global("collections", "OrderedDict").op('o').stop().toBytes();
        assertThatThrownBy(() -> load(obj)).isInstanceOf(UnsafePickleException.class).hasMessageContaining("OBJ");
        byte[] newobj = new PickleWriter().proto(2).global("collections", "OrderedDict").emptyTuple().op(0x81).stop()
                .toBytes();
        assertThatThrownBy(() -> load(newobj)).isInstanceOf(UnsafePickleException.class).hasMessageContaining("NEWOBJ");
        byte[] ext = new PickleWriter().proto(2).op(0x82).raw(1).stop().toBytes();
        assertThatThrownBy(() -> load(ext)).isInstanceOf(UnsafePickleException.class).hasMessageContaining("EXT");
        byte[] persid = new PickleWriter().proto(2).op('P').bytes("0\n".getBytes()).stop().toBytes();
        assertThatThrownBy(() -> load(persid)).isInstanceOf(UnsafePickleException.class).hasMessageContaining("PERSID");
    }

    @Test
    void reduceAndBuildOnlyWorkOnAllowedTargets() {
        byte[] reduceString = new PickleWriter().proto(2).unicode("os.system").emptyTuple().reduce().stop().toBytes();
        assertThatThrownBy(() -> load(reduceString)).isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("REDUCE");
        byte[] buildOnList = new PickleWriter().proto(2).op(']').emptyDict().unicode("__class__").unicode("x").op('s')
                .build().stop().toBytes();
        assertThatThrownBy(() -> load(buildOnList)).isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("BUILD");
        byte[] storageCalled = new PickleWriter().proto(2).global("torch", "FloatStorage").emptyTuple().reduce().stop()
                .toBytes();
        assertThatThrownBy(() -> load(storageCalled)).isInstanceOf(UnsafePickleException.class);
    }

    @Test
    void forgedLengthsCannotAllocateHugeArrays() {
        byte[] hugeString = new PickleWriter().proto(2).op('X').raw(0xff).raw(0xff).raw(0xff).raw(0x7f).stop()
                .toBytes();
        assertThatThrownBy(() -> load(hugeString)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("runs past the end");
        byte[] hugeBytes = new PickleWriter().proto(4).op(0x8e).raw(0).raw(0).raw(0).raw(0).raw(1).raw(0).raw(0)
                .raw(0).stop().toBytes();
        assertThatThrownBy(() -> load(hugeBytes)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("runs past the end");
    }

    @Test
    void storageKeysCannotNameOtherZipRecords() {
        byte[] pid = new PickleWriter().proto(2).mark().unicode("storage").global("torch", "FloatStorage")
                .unicode("../../data.pkl").unicode("cpu").integer(1).tuple().op('Q').stop().toBytes();
        assertThatThrownBy(() -> load(pid)).isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("not a plain name");
        byte[] module = new PickleWriter().proto(2).mark().unicode("module").unicode("x").tuple().op('Q').stop()
                .toBytes();
        assertThatThrownBy(() -> load(module)).isInstanceOf(UnsafePickleException.class);
    }

    @Test
    void aCheckpointWhosePickleCallsOsSystemIsRefused() throws IOException {
        Path file = dir.resolve("pytorch_model.bin");
        byte[] pickle = new PickleWriter().proto(2).global("collections", "OrderedDict").emptyTuple().reduce().mark()
                .unicode("weight").global("posix", "system").mark().unicode("touch pwned").tuple().reduce()
                .setitems().stop().toBytes();
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> PyTorchCheckpoint.read(file)).isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("posix.system").hasMessageContaining(file.toString());
    }
}
