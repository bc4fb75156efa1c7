package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;

import java.nio.ByteBuffer;

/**
 * A big-endian view of one dictionary file with every read checked against its size: a dictionary file is
 * untrusted input, so a count or length that runs past the end is a {@link TokenizerException} naming the file,
 * never an exception deep inside a reader or an allocation sized by a broken number.
 */
final class BinaryData {
    private final ByteBuffer buf;
    private final String source;

    BinaryData(byte[] bytes, String source) {
        this.buf = ByteBuffer.wrap(bytes);
        this.source = source;
    }

    String source() {
        return source;
    }

    int position() {
        return buf.position();
    }

    int remaining() {
        return buf.remaining();
    }

    boolean readBoolean() {
        need(1, "a flag");
        return buf.get() != 0;
    }

    int readInt() {
        need(4, "an integer");
        return buf.getInt();
    }

    /** A count or length: not negative, and at most {@code remaining() / bytesEach} items can follow. */
    int readCount(int bytesEach, String what) {
        int n = readInt();
        if (n < 0 || (long) n * bytesEach > buf.remaining()) {
            throw broken(what + " says " + n + " entries of " + bytesEach + " bytes, but only " + buf.remaining()
                    + " bytes follow");
        }
        return n;
    }

    int[] readInts(int n, String what) {
        need(4L * n, what);
        int[] out = new int[n];
        buf.asIntBuffer().get(out);
        buf.position(buf.position() + 4 * n);
        return out;
    }

    short[] readShorts(int n, String what) {
        need(2L * n, what);
        short[] out = new short[n];
        buf.asShortBuffer().get(out);
        buf.position(buf.position() + 2 * n);
        return out;
    }

    char[] readChars(int n, String what) {
        need(2L * n, what);
        char[] out = new char[n];
        buf.asCharBuffer().get(out);
        buf.position(buf.position() + 2 * n);
        return out;
    }

    /** A string as {@code DataOutputStream.writeUTF} writes it (the category names). */
    String readUtf(String what) {
        need(2, what);
        int len = Short.toUnsignedInt(buf.getShort());
        need(len, what);
        byte[] b = new byte[len];
        buf.get(b);
        return ModifiedUtf8.decode(b, this, what);
    }

    byte get(int index) {
        return buf.get(index);
    }

    short getShort(int index) {
        return buf.getShort(index);
    }

    private void need(long bytes, String what) {
        if (bytes > buf.remaining()) {
            throw broken("ends inside " + what + " (needs " + bytes + " bytes, " + buf.remaining() + " left)");
        }
    }

    TokenizerException broken(String why) {
        return new TokenizerException(source + ": is not a Kuromoji dictionary file as expected: " + why);
    }
}
