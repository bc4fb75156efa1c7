package dev.bert4j.tokenizers;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads protocol buffer wire format (varints, fixed 32-bit values, length-delimited fields) from a byte array,
 * every length checked against what is left, so a broken or hostile {@code spiece.model} is a
 * {@link TokenizerException} naming the file, never an exception deep inside a reader.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private final int end;
    private final String source;

    ProtoReader(byte[] data, int from, int to, String source) {
        this.data = data;
        this.pos = from;
        this.end = to;
        this.source = source;
    }

    boolean more() {
        return pos < end;
    }

    /** The next field's tag: field number shifted left by 3, or'ed with the wire type. */
    int tag() {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE) throw broken("a field tag is out of range");
        return (int) t;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw broken("ends inside a number");
            byte b = data[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
        throw broken("has a number longer than ten bytes");
    }

    float fixed32Float() {
        need(4);
        int bits = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    /** A length-delimited field as a reader over its bytes; this reader moves past it. */
    ProtoReader message() {
        int len = length();
        ProtoReader r = new ProtoReader(data, pos, pos + len, source);
        pos += len;
        return r;
    }

    byte[] bytes() {
        int len = length();
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += len;
        return out;
    }

    String string() {
        int len = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw broken("has a string that is not UTF-8");
        }
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> skipBytes(8);
            case LENGTH -> skipBytes(length());
            case FIXED32 -> skipBytes(4);
            default -> throw broken("has wire type " + wireType + ", which protocol buffers do not use here");
        }
    }

    private int length() {
        long len = varint();
        if (len < 0 || len > end - pos) throw broken("has a field of " + len + " bytes where " + (end - pos) + " are left");
        return (int) len;
    }

    private void skipBytes(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (end - pos < n) throw broken("ends inside a field");
    }

    TokenizerException broken(String why) {
        return new TokenizerException(source + ": is not a SentencePiece model: " + why);
    }
}
