package dev.bert4j.japanese;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Decodes the modified UTF-8 of {@code DataOutputStream.writeUTF}; a malformed string is a clear error. */
final class ModifiedUtf8 {
    private ModifiedUtf8() {}

    static String decode(byte[] bytes, BinaryData file, String what) {
        ByteBuffer framed = ByteBuffer.allocate(bytes.length + 2);
        framed.putShort((short) bytes.length).put(bytes);
        try {
            return new DataInputStream(new ByteArrayInputStream(framed.array())).readUTF();
        } catch (IOException e) {
            throw file.broken(what + " is not valid modified UTF-8");
        }
    }
}
