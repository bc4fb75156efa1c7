package dev.bert4j.hub.pytorch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes checkpoints byte-for-byte in the layout of {@code torch.save}: the pickle opcodes CPython's
 * protocol-2 pickler emits for a state dict ({@code OrderedDict} built by REDUCE, SETITEMS, and the
 * {@code _metadata} attribute set by BUILD), persistent ids {@code ('storage', torch.FloatStorage, '0',
 * 'cpu', numel)}, and the zip records {@code archive/data.pkl}, {@code archive/byteorder},
 * {@code archive/data/N}, {@code archive/version}, {@code archive/.data/serialization_id}, stored
 * uncompressed with 'FB' padding extra fields like PyTorch's writer.
 */
public final class TorchSaveFixture {
    /** One tensor: a view of storage {@code key}. */
    public record Tensor(String storageClass, String key, long storageNumel, long offset, long[] shape, long[] stride) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, byte[]> storages = new LinkedHashMap<>();
    private String topFolder = "archive";
    private boolean orderedDict = true;
    private String byteorder = "little";

    public TorchSaveFixture storage(String key, byte[] littleEndianBytes) {
        storages.put(key, littleEndianBytes);
        return this;
    }

    public TorchSaveFixture tensor(String name, String storageClass, String key, long offset, long[] shape, long[] stride) {
        int size = switch (storageClass) {
            case "FloatStorage" -> 4;
            case "HalfStorage", "BFloat16Storage" -> 2;
            case "LongStorage", "DoubleStorage" -> 8;
            default -> 1;
        };
        tensors.put(name, new Tensor(storageClass, key, storages.get(key).length / size, offset, shape, stride));
        return this;
    }

    /** Makes the pickle claim {@code numel} elements for storage {@code key}, as a hostile file may. */
    public TorchSaveFixture claim(String key, long numel) {
        tensors.replaceAll((name, t) -> t.key().equals(key)
                ? new Tensor(t.storageClass(), key, numel, t.offset(), t.shape(), t.stride()) : t);
        return this;
    }

    public TorchSaveFixture topFolder(String name) {
        topFolder = name;
        return this;
    }

    /** A plain dict, as transformers' sharded save writes ({@code {k: v for ...}}). */
    public TorchSaveFixture plainDict() {
        orderedDict = false;
        return this;
    }

    public TorchSaveFixture bigEndian() {
        byteorder = "big";
        return this;
    }

    /** The data.pkl pickle: persistent ids use 5 fields in the zip format, 6 in the legacy one. */
    byte[] statePickle(boolean legacy) {
        PickleWriter p = new PickleWriter().proto(2);
        if (orderedDict) {
            p.global("collections", "OrderedDict").emptyTuple().reduce();
        } else {
            p.emptyDict();
        }
        p.mark();
        Map<String, Boolean> seenStorage = new LinkedHashMap<>();
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            p.unicode(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            p.mark().unicode("storage");
            p.global("torch", t.storageClass());
            p.unicode(t.key()).unicode("cpu").integer(t.storageNumel());
            if (legacy) {
                p.op('N');
            }
            p.tuple().op('Q');
            seenStorage.put(t.key(), true);
            p.integer(t.offset()).intTuple(t.shape()).intTuple(t.stride()).op(0x89);
            p.global("collections", "OrderedDict").emptyTuple().reduce();
            p.tuple().reduce();
        }
        p.setitems();
        if (orderedDict) {
            // state.__dict__ = {'_metadata': OrderedDict([('', {'version': 1})])}, restored by BUILD
            p.emptyDict().unicode("_metadata");
            p.global("collections", "OrderedDict").emptyTuple().reduce();
            p.mark().unicode("").emptyDict().unicode("version").integer(1).op('s').setitems();
            p.op('s').build();
        }
        return p.stop().toBytes();
    }

    public void writeZip(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            stored(zip, topFolder + "/data.pkl", statePickle(false));
            stored(zip, topFolder + "/byteorder", byteorder.getBytes(StandardCharsets.US_ASCII));
            for (var e : storages.entrySet()) {
                stored(zip, topFolder + "/data/" + e.getKey(), ordered(e.getValue()));
            }
            stored(zip, topFolder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, topFolder + "/.data/serialization_id", "1234567890123456789012345678901234567890"
                    .getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The pre-1.6 format: magic, protocol, sys_info, state dict, storage keys, then raw storages. */
    public void writeLegacy(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new PickleWriter().proto(2).op(0x8a).raw(10)
                    .bytes(new byte[] {(byte) 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
                            (byte) 0xa8, 0x50, 0x19})
                    .stop().toBytes());
            out.write(new PickleWriter().proto(2).integer(1001).stop().toBytes());
            PickleWriter info = new PickleWriter().proto(2).emptyDict().mark()
                    .unicode("protocol_version").integer(1001)
                    .unicode("little_endian").op(byteorder.equals("little") ? 0x88 : 0x89)
                    .unicode("type_sizes").emptyDict().mark().unicode("short").integer(2).unicode("int").integer(4)
                    .unicode("long").integer(4).setitems()
                    .setitems().stop();
            out.write(info.toBytes());
            out.write(statePickle(true));
            PickleWriter keys = new PickleWriter().proto(2).op(']').binput().mark();
            storages.keySet().forEach(keys::unicode);
            out.write(keys.op('e').stop().toBytes());
            for (var e : storages.entrySet()) {
                int elementSize = elementSizeOf(e.getKey());
                long numel = e.getValue().length / elementSize;
                ByteBuffer count = ByteBuffer.allocate(8).order(order()).putLong(numel);
                out.write(count.array());
                out.write(ordered(e.getValue()));
            }
        }
    }

    private int elementSizeOf(String key) {
        return tensors.values().stream().filter(t -> t.key().equals(key)).findFirst()
                .map(t -> (int) (storages.get(key).length / t.storageNumel())).orElse(1);
    }

    private ByteOrder order() {
        return byteorder.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Storage bytes in the checkpoint's byte order (given little-endian). */
    private byte[] ordered(byte[] littleEndian) {
        if (byteorder.equals("little")) {
            return littleEndian;
        }
        String key = storages.entrySet().stream().filter(e -> e.getValue() == littleEndian).findFirst().orElseThrow()
                .getKey();
        int size = elementSizeOf(key);
        byte[] out = littleEndian.clone();
        for (int i = 0; i < out.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = out[a];
                out[a] = out[b];
                out[b] = t;
            }
        }
        return out;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        // PyTorch pads local headers with an 'FB' extra field so that data starts 64-byte aligned
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        int pad = 64 - ((30 + name.length() + 4) % 64);
        extra.write('F');
        extra.write('B');
        extra.write(pad & 0xff);
        extra.write(pad >> 8);
        extra.write(new byte[pad], 0, pad);
        entry.setExtra(extra.toByteArray());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    public static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    public static byte[] halves(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Float.floatToFloat16(v));
        }
        return b.array();
    }

    public static byte[] bfloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        return b.array();
    }

    public static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
