package dev.bert4j.hub.pytorch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes byte by byte, as CPython's protocol-2 pickler emits them for torch.save. */
final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memo;

    PickleWriter proto(int version) {
        return op(0x80).raw(version);
    }

    PickleWriter global(String module, String name) {
        op('c');
        bytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return binput();
    }

    PickleWriter stackGlobal(String module, String name) {
        return unicode(module).unicode(name).op(0x93);
    }

    PickleWriter binput() {
        if (memo < 256) {
            return op('q').raw(memo++);
        }
        op('r');
        int m = memo++;
        return raw(m).raw(m >> 8).raw(m >> 16).raw(m >> 24);
    }

    PickleWriter unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').raw(b.length).raw(b.length >> 8).raw(b.length >> 16).raw(b.length >> 24);
        return bytes(b).binput();
    }

    PickleWriter integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').raw((int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M').raw((int) v).raw((int) v >> 8);
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return op('J').raw((int) v).raw((int) v >> 8).raw((int) v >> 16).raw((int) v >> 24);
        }
        op(0x8a).raw(8);
        for (int i = 0; i < 8; i++) {
            raw((int) (v >> (8 * i)));
        }
        return this;
    }

    /** A tuple of ints as CPython writes it: TUPLE1/2/3 for short ones, MARK ... TUPLE otherwise. */
    PickleWriter intTuple(long... values) {
        if (values.length == 0) {
            return op(')');
        }
        if (values.length > 3) {
            op('(');
        }
        for (long v : values) {
            integer(v);
        }
        switch (values.length) {
            case 1 -> op(0x85);
            case 2 -> op(0x86);
            case 3 -> op(0x87);
            default -> op('t');
        }
        return binput();
    }

    PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleWriter raw(int b) {
        out.write(b & 0xff);
        return this;
    }

    PickleWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    PickleWriter mark() {
        return op('(');
    }

    PickleWriter emptyTuple() {
        return op(')');
    }

    PickleWriter emptyDict() {
        return op('}').binput();
    }

    PickleWriter reduce() {
        return op('R').binput();
    }

    PickleWriter tuple() {
        return op('t').binput();
    }

    PickleWriter setitems() {
        return op('u');
    }

    PickleWriter build() {
        return op('b');
    }

    PickleWriter stop() {
        return op('.');
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
