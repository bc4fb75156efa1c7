package dev.bert4j.tokenizers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SentencePiece's {@code Normalizer::Normalize}: the precompiled character map applied longest rule first over the
 * UTF-8 bytes, leading, trailing and repeated spaces removed ({@code remove_extra_whitespaces}), a space added in
 * front ({@code add_dummy_prefix}) and every space written as U+2581 ({@code escape_whitespaces}). Each normalized
 * character keeps the UTF-16 index in the original text of the input it came from. Immutable.
 */
final class SentencePieceNormalizer {
    private static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);

    private final PrecompiledCharsMap charsMap;
    private final boolean addDummyPrefix;
    private final boolean removeExtraWhitespaces;
    private final boolean escapeWhitespaces;

    SentencePieceNormalizer(PrecompiledCharsMap charsMap, boolean addDummyPrefix, boolean removeExtraWhitespaces,
                            boolean escapeWhitespaces) {
        this.charsMap = charsMap;
        this.addDummyPrefix = addDummyPrefix;
        this.removeExtraWhitespaces = removeExtraWhitespaces;
        this.escapeWhitespaces = escapeWhitespaces;
    }

    /**
     * Normalized text and, per UTF-16 index of it, the span of original text (UTF-16 indices) its character came
     * from: the whole input a rule replaced, so every piece of an expansion covers it; a space added in front
     * covers nothing.
     */
    record Normalized(String text, int[] start, int[] end) {}

    Normalized normalize(String input) {
        Utf8 in = Utf8.of(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.bytes.length * 3 + 8);
        IntList n2o = new IntList(in.bytes.length * 3 + 8);
        int pos = 0;
        if (removeExtraWhitespaces) {
            while (pos < in.bytes.length) {
                byte[] p = prefix(in.bytes, pos);
                if (!(p.length == 1 && p[0] == ' ')) break;
                pos += consumed(in.bytes, pos);
            }
        }
        if (pos == in.bytes.length) return new Normalized("", new int[0], new int[0]);
        if (addDummyPrefix) appendSpace(out, n2o, pos, pos);
        boolean prevSpace = removeExtraWhitespaces;
        while (pos < in.bytes.length) {
            byte[] p = prefix(in.bytes, pos);
            int next = pos + consumed(in.bytes, pos);
            int start = 0;
            while (prevSpace && start < p.length && p[start] == ' ') start++;
            if (start < p.length) {
                for (int k = start; k < p.length; k++) {
                    if (escapeWhitespaces && p[k] == ' ') {
                        appendSpace(out, n2o, pos, next);
                    } else {
                        out.write(p[k]);
                        n2o.add3(pos, next, 0);
                    }
                }
                prevSpace = p[p.length - 1] == ' ';
            }
            pos = next;
            if (!removeExtraWhitespaces) prevSpace = false;
        }
        byte[] norm = out.toByteArray();
        int length = norm.length;
        if (removeExtraWhitespaces) {
            byte[] space = escapeWhitespaces ? SPACE_SYMBOL : new byte[] {' '};
            while (endsWith(norm, length, space)) length -= space.length;
        }
        return decode(norm, length, n2o, in);
    }

    private void appendSpace(ByteArrayOutputStream out, IntList n2o, int from, int to) {
        byte[] s = escapeWhitespaces ? SPACE_SYMBOL : new byte[] {' '};
        out.writeBytes(s);
        for (int k = 0; k < s.length; k++) n2o.add3(from, to, 0);
    }

    /** What the input at {@code pos} becomes: the longest rule's replacement, or the character itself. */
    private byte[] prefix(byte[] utf8, int pos) {
        long m = charsMap == null ? -1 : charsMap.longestMatch(utf8, pos, utf8.length);
        if (m >= 0) return charsMap.replacement((int) m);
        int n = Utf8.charLength(utf8, pos);
        byte[] out = new byte[n];
        System.arraycopy(utf8, pos, out, 0, n);
        return out;
    }

    private int consumed(byte[] utf8, int pos) {
        long m = charsMap == null ? -1 : charsMap.longestMatch(utf8, pos, utf8.length);
        return m >= 0 ? (int) (m >>> 32) : Utf8.charLength(utf8, pos);
    }

    private static boolean endsWith(byte[] b, int length, byte[] suffix) {
        if (length < suffix.length) return false;
        for (int k = 0; k < suffix.length; k++) {
            if (b[length - suffix.length + k] != suffix[k]) return false;
        }
        return true;
    }

    private static Normalized decode(byte[] norm, int length, IntList n2o, Utf8 in) {
        String text = new String(norm, 0, length, StandardCharsets.UTF_8);
        int[] start = new int[text.length()];
        int[] end = new int[text.length()];
        int b = 0;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int u = k; u < k + Character.charCount(cp); u++) {
                start[u] = in.utf16[n2o.a[3 * b]];
                end[u] = in.utf16[n2o.a[3 * (b + bytes - 1) + 1]];
            }
            b += bytes;
            k += Character.charCount(cp);
        }
        return new Normalized(text, start, end);
    }

    /** A text's UTF-8 bytes, with the UTF-16 index of the character each byte belongs to (and of the end). */
    record Utf8(byte[] bytes, int[] utf16) {
        static Utf8 of(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int[] utf16 = new int[bytes.length + 1];
            int b = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int n = Character.isSurrogate(s.charAt(i)) && Character.charCount(cp) == 1 ? 1
                        : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                for (int k = 0; k < n && b < bytes.length; k++) utf16[b++] = i;
                i += Character.charCount(cp);
            }
            utf16[bytes.length] = s.length();
            return new Utf8(bytes, utf16);
        }

        static int charLength(byte[] b, int pos) {
            int c = b[pos] & 0xFF;
            int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
            return Math.min(n, b.length - pos);
        }
    }
}
