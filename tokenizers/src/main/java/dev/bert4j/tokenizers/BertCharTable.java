package dev.bert4j.tokenizers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Per-code-point behaviour of Hugging Face's {@code BertNormalizer} and {@code BertPreTokenizer}, read from the
 * generated resource {@code bert-chars.txt}. The table was measured against the reference itself (see
 * {@code CharTableGenerator} in the test sources), because the reference classifies characters with old Unicode
 * tables ({@code unicode_categories}, {@code unicode-normalization-alignments}) that differ from the JDK's.
 * Immutable; shared by all tokenizers.
 */
final class BertCharTable {
    /** Removed by {@code clean_text} (controls, format characters, private use, U+0000, U+FFFD). */
    static final byte REMOVED = 1;
    /** Turned into a space by {@code clean_text}. */
    static final byte CLEAN_SPACE = 2;
    /** Whitespace to the pre-tokenizer (Rust {@code char::is_whitespace}). */
    static final byte WHITESPACE = 4;
    /** Punctuation to the pre-tokenizer: isolated as a word of its own. */
    static final byte PUNCTUATION = 8;
    /** CJK ideograph: padded with spaces by {@code handle_chinese_chars}. */
    static final byte CHINESE = 16;

    private static final String RESOURCE = "bert-chars.txt";
    private static final BertCharTable INSTANCE = load();

    private final byte[] flags;
    private final CodePointMap strip;
    private final CodePointMap lower;
    /** Code points with a strip or lowercase entry. */
    private final BitSet mapped = new BitSet();

    private BertCharTable(byte[] flags, CodePointMap strip, CodePointMap lower) {
        this.flags = flags;
        this.strip = strip;
        this.lower = lower;
        for (int cp : strip.keys) mapped.set(cp);
        for (int cp : lower.keys) mapped.set(cp);
    }

    static BertCharTable get() {
        return INSTANCE;
    }

    int flags(int cp) {
        return cp < flags.length ? flags[cp] : 0;
    }

    boolean has(int cp, byte flag) {
        return (flags(cp) & flag) != 0;
    }

    /**
     * True when no step of the normalizer changes {@code cp} (no flag, no strip or lowercase entry): the common
     * case, which the normalizer's per-character table fills without building a string.
     */
    boolean unchanged(int cp) {
        return flags(cp) == 0 && !mapped.get(cp);
    }

    /** True when {@code cp} has a strip_accents or lowercase entry. */
    boolean mapped(int cp) {
        return mapped.get(cp);
    }

    /** Code points that strip_accents (NFD, then dropping non-spacing marks) makes of {@code cp}, or null if unchanged. */
    int[] stripAccents(int cp) {
        return strip.get(cp);
    }

    /** Code points that lowercasing makes of {@code cp}, or null if unchanged. */
    int[] lowercase(int cp) {
        return lower.get(cp);
    }

    /**
     * Code point to code points, in ascending key order: each key's values are {@code values[ends[i - 1], ends[i])}.
     * Sorted arrays rather than a map of boxed keys: filling 16,000 map entries cost a fresh JVM tens of
     * milliseconds at every start.
     */
    private record CodePointMap(int[] keys, int[] ends, int[] values) {
        int[] get(int cp) {
            int i = Arrays.binarySearch(keys, cp);
            return i < 0 ? null : Arrays.copyOfRange(values, i == 0 ? 0 : ends[i - 1], ends[i]);
        }
    }

    /**
     * Parses the resource with a hand-written scanner over its bytes (lines {@code F start end flags},
     * {@code S cp seq}, {@code L cp seq}, {@code #} comments), as start-up pays for it in every process.
     */
    private static BertCharTable load() {
        byte[] text;
        try (InputStream in = BertCharTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the bert4j-tokenizers jar");
            }
            text = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        byte[] flags = new byte[Character.MAX_CODE_POINT + 1];
        MapBuilder strip = new MapBuilder();
        MapBuilder lower = new MapBuilder();
        Scanner sc = new Scanner(text);
        while (sc.hasMore()) {
            byte kind = sc.next();
            if (kind == '#' || kind == '\n') {
                sc.skipLine();
                continue;
            }
            sc.expect(' ');
            int cp = sc.hex();
            switch (kind) {
                case 'F' -> {
                    int end = sc.hex();
                    byte b = sc.flags();
                    if (cp > end || end > Character.MAX_CODE_POINT) throw sc.bad();
                    Arrays.fill(flags, cp, end + 1, b);
                }
                case 'S' -> sc.sequence(strip, cp);
                case 'L' -> sc.sequence(lower, cp);
                default -> throw sc.bad();
            }
        }
        return new BertCharTable(flags, strip.build(), lower.build());
    }

    /** Grows the arrays of a {@link CodePointMap}; keys must come in ascending order. */
    private static final class MapBuilder {
        private int[] keys = new int[1024];
        private int[] ends = new int[1024];
        private int[] values = new int[2048];
        private int size;
        private int valueCount;

        void key(int cp) {
            if (size > 0 && keys[size - 1] >= cp) throw new IllegalStateException(RESOURCE + ": keys out of order at " + cp);
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            keys[size] = cp;
            ends[size++] = valueCount;
        }

        void value(int cp) {
            if (valueCount == values.length) values = Arrays.copyOf(values, valueCount * 2);
            values[valueCount++] = cp;
            ends[size - 1] = valueCount;
        }

        CodePointMap build() {
            return new CodePointMap(Arrays.copyOf(keys, size), Arrays.copyOf(ends, size), Arrays.copyOf(values, valueCount));
        }
    }

    /** A cursor over the resource's ASCII bytes. */
    private static final class Scanner {
        private final byte[] text;
        private int pos;

        Scanner(byte[] text) {
            this.text = text;
        }

        boolean hasMore() {
            return pos < text.length;
        }

        byte next() {
            return text[pos++];
        }

        void skipLine() {
            while (pos < text.length && text[pos++] != '\n') { }
        }

        void expect(char c) {
            if (pos >= text.length || text[pos++] != c) throw bad();
        }

        /** A hex number, then the space or line end after it (consumed). */
        int hex() {
            int v = 0;
            int digits = 0;
            while (pos < text.length) {
                int c = text[pos++];
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (d < 0) {
                    if ((c != ' ' && c != '\n' && c != ',') || digits == 0) throw bad();
                    pos--;
                    break;
                }
                if (++digits > 6) throw bad();
                v = v * 16 + d;
            }
            if (digits == 0) throw bad();
            if (pos < text.length && text[pos] != ',') pos++;
            return v;
        }

        byte flags() {
            byte b = 0;
            while (pos < text.length && text[pos] != '\n') b |= flag(text[pos++]);
            pos++;
            return b;
        }

        /** {@code -} (no code points) or comma-separated hex code points, to the end of the line. */
        void sequence(MapBuilder map, int cp) {
            map.key(cp);
            if (pos < text.length && text[pos] == '-') {
                pos++;
                expect('\n');
                return;
            }
            while (true) {
                map.value(hex());
                if (pos - 1 < text.length && text[pos - 1] == '\n') return;
                if (pos >= text.length) return;
                if (text[pos] == ',') pos++;
                else throw bad();
            }
        }

        IllegalStateException bad() {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length); i++) if (text[i] == '\n') line++;
            return new IllegalStateException("bad line " + line + " in " + RESOURCE);
        }
    }

    private static byte flag(int c) {
        return switch (c) {
            case 'R' -> REMOVED;
            case 'N' -> CLEAN_SPACE;
            case 'W' -> WHITESPACE;
            case 'P' -> PUNCTUATION;
            case 'C' -> CHINESE;
            default -> throw new IllegalStateException("bad flag " + (char) c + " in " + RESOURCE);
        };
    }
}
