package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.StorageRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip checkpoint format of {@code torch.save} (PyTorch 1.6+): one top folder (named after the file,
 * often {@code archive}) holding {@code data.pkl} (the pickled state dict), {@code data/{key}} (raw
 * storage bytes), {@code version} and, since PyTorch 2.1, {@code byteorder}.
 */
final class ZipCheckpoint {
    private ZipCheckpoint() {}

    static Map<String, TorchTensor> read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = topFolder(zip, file);
            boolean bigEndian = byteOrderIsBig(zip, prefix, file);
            String source = file + " (" + prefix + "data.pkl)";
            byte[] pickle = readEntry(zip, prefix + "data.pkl", CheckpointLimits.MAX_PICKLE_BYTES, file);
            RestrictedUnpickler unpickler = new RestrictedUnpickler(source, TorchGlobals.create(source),
                    pid -> StorageIds.zip(source, pid));
            Object root = unpickler.read(new ByteArrayInputStream(pickle));
            return PyTorchCheckpoint.tensors(file, root, (ref, reach) -> storage(zip, prefix, ref, reach, file),
                    bigEndian);
        } catch (ZipException e) {
            throw new CheckpointFormatException(file + " is a damaged zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointFormatException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CheckpointFormatException("cannot read " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    private static String topFolder(ZipFile zip, Path file) {
        List<String> found = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                found.add(name.substring(0, slash + 1));
            }
        }
        if (found.size() != 1) {
            throw new CheckpointFormatException(file + " is a zip archive with " + found.size()
                    + " '<folder>/data.pkl' records; a torch.save checkpoint has exactly one"
                    + (found.isEmpty() ? " (is it a TorchScript or other zip file?)" : ""));
        }
        return found.get(0);
    }

    private static boolean byteOrderIsBig(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return false; // written before PyTorch 2.1, always little-endian in practice
        }
        String order = new String(readEntry(zip, entry.getName(), 16, file), StandardCharsets.US_ASCII).strip();
        return switch (order) {
            case "little" -> false;
            case "big" -> true;
            default -> throw new CheckpointFormatException(file + ": unknown byte order record '" + order + "'");
        };
    }

    /**
     * The first {@code reach} bytes of a storage record (what its tensors use), streamed: a record that
     * inflates to far more than its tensors need is never held whole. A record longer than the pickle's claim
     * for the storage is refused when the archive says so up front.
     */
    private static byte[] storage(ZipFile zip, String prefix, StorageRef ref, long reach, Path file) {
        long claimed = ref.numel() > Long.MAX_VALUE / ref.type().dtype().byteSize() ? Long.MAX_VALUE
                : ref.numel() * ref.type().dtype().byteSize();
        String name = prefix + "data/" + ref.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new CheckpointFormatException(file + " lacks the record " + name);
        }
        if (entry.getSize() > claimed) {
            throw new CheckpointFormatException(file + ": record " + name + " has " + entry.getSize()
                    + " bytes, more than the " + claimed + " its pickle claims");
        }
        long wanted = Math.min(reach, claimed);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) wanted);
            if (bytes.length < wanted) {
                throw new CheckpointFormatException(file + ": storage record " + name + " has " + bytes.length
                        + " bytes but its tensors reach byte " + wanted + "; the file is truncated or corrupt");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readEntry(ZipFile zip, String name, int limit, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new CheckpointFormatException(file + " lacks the record " + name);
        }
        if (entry.getSize() > limit) {
            throw new CheckpointFormatException(file + ": record " + name + " has " + entry.getSize()
                    + " bytes, more than the " + limit + " expected");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(limit);
            if (in.read() != -1) {
                throw new CheckpointFormatException(file + ": record " + name + " is longer than the " + limit
                        + " bytes expected");
            }
            return bytes;
        }
    }
}
