package dev.bert4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 byte stream, each decoded strictly: a line that is not valid UTF-8 is reported with the
 * byte where it goes wrong, never patched with U+FFFD, and the next line reads normally. Lines end with
 * {@code \n}; a {@code \r} before it is dropped.
 */
final class Utf8Lines {
    /** One line: its text, or why it could not be decoded (then {@code text} is null), and its length in bytes. */
    record Line(String text, String error, int bytes) {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? decode(length) : null;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                return decode(length > 0 && line[length - 1] == '\r' ? length - 1 : length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, 2 * length);
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private Line decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            return new Line(null, "not valid UTF-8 (byte " + (bytes.position() + 1) + " of the line)", length);
        }
        decoder.flush(chars);
        return new Line(chars.flip().toString(), null, length);
    }
}
