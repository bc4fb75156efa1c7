package dev.bert4j.tokenizers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

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
    private final Map<Integer, int[]> strip;
    private final Map<Integer, int[]> lower;
    /** Code points with a strip or lowercase entry. */
    private final BitSet mapped = new BitSet();

    private BertCharTable(byte[] flags, Map<Integer, int[]> strip, Map<Integer, int[]> lower) {
        this.flags = flags;
        this.strip = strip;
        this.lower = lower;
        strip.keySet().forEach(mapped::set);
        lower.keySet().forEach(mapped::set);
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

    /** Code points that strip_accents (NFD, then dropping non-spacing marks) makes of {@code cp}, or null if unchanged. */
    int[] stripAccents(int cp) {
        return strip.get(cp);
    }

    /** Code points that lowercasing makes of {@code cp}, or null if unchanged. */
    int[] lowercase(int cp) {
        return lower.get(cp);
    }

    private static BertCharTable load() {
        byte[] flags = new byte[Character.MAX_CODE_POINT + 1];
        Map<Integer, int[]> strip = new HashMap<>();
        Map<Integer, int[]> lower = new HashMap<>();
        try (InputStream in = BertCharTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the bert4j-tokenizers jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.charAt(0) == '#') continue;
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "F" -> {
                        byte b = parseFlags(f[3]);
                        for (int cp = hex(f[1]), end = hex(f[2]); cp <= end; cp++) flags[cp] = b;
                    }
                    case "S" -> strip.put(hex(f[1]), seq(f[2]));
                    case "L" -> lower.put(hex(f[1]), seq(f[2]));
                    default -> throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        // wrapped, not copied: nothing else holds these maps, and copying 16,000 entries showed in start-up time
        return new BertCharTable(flags, Collections.unmodifiableMap(strip), Collections.unmodifiableMap(lower));
    }

    private static byte parseFlags(String s) {
        byte b = 0;
        for (int i = 0; i < s.length(); i++) {
            b |= switch (s.charAt(i)) {
                case 'R' -> REMOVED;
                case 'N' -> CLEAN_SPACE;
                case 'W' -> WHITESPACE;
                case 'P' -> PUNCTUATION;
                case 'C' -> CHINESE;
                default -> throw new IllegalStateException("bad flag " + s + " in " + RESOURCE);
            };
        }
        return b;
    }

    private static int hex(String s) {
        return Integer.parseInt(s, 16);
    }

    private static int[] seq(String s) {
        if (s.equals("-")) return new int[0];
        String[] parts = s.split(",");
        int[] cps = new int[parts.length];
        for (int i = 0; i < parts.length; i++) cps[i] = hex(parts[i]);
        return cps;
    }
}
