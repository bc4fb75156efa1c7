package dev.bert4j.tokenizers;

/**
 * Hugging Face {@code BertNormalizer}: {@code clean_text} (drop controls, whitespace to a space), then
 * {@code handle_chinese_chars} (pad CJK ideographs with spaces), then {@code strip_accents} (NFD, drop non-spacing
 * marks), then {@code lowercase} (per character, full mapping). Every step works one character at a time, so each
 * normalized character keeps the span of the original character it came from.
 *
 * <p>The combined result for every BMP character is precomputed at construction (a single replacement character
 * or a removal in the common case), so normalizing is one table lookup per character.
 */
final class BertNormalizer {
    private static final byte SINGLE = 0;
    private static final byte REMOVE = 1;
    private static final byte MULTI = 2;
    /** A CJK ideograph that only handle_chinese_chars changes: itself between two spaces. */
    private static final byte PADDED = 3;

    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;
    private final BertCharTable table;
    private final byte[] kind = new byte[65536];
    private final char[] single = new char[65536];
    private final String[] multi = new String[65536];

    /**
     * @param stripAccents null means "follow lowercase", as in Hugging Face
     */
    BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.handleChineseChars = handleChineseChars;
        this.stripAccents = stripAccents == null ? lowercase : stripAccents;
        this.lowercase = lowercase;
        this.table = BertCharTable.get();
        for (int c = 0; c < 65536; c++) {
            if (Character.isSurrogate((char) c) || table.unchanged(c)) {    // most of the BMP: itself, no string built
                kind[c] = SINGLE;
                single[c] = (char) c;
                continue;
            }
            if (handleChineseChars && table.flags(c) == BertCharTable.CHINESE && !table.mapped(c)) {
                kind[c] = PADDED;   // some 28,000 ideographs: no string built for each
                continue;
            }
            String s = mapSlow(c);
            if (s.isEmpty()) {
                kind[c] = REMOVE;
            } else if (s.length() == 1) {
                kind[c] = SINGLE;
                single[c] = s.charAt(0);
            } else {
                kind[c] = MULTI;
                multi[c] = s;
            }
        }
    }

    boolean cleanText() {
        return cleanText;
    }

    boolean handleChineseChars() {
        return handleChineseChars;
    }

    boolean stripAccents() {
        return stripAccents;
    }

    boolean lowercase() {
        return lowercase;
    }

    /** Normalizes {@code text[from, to)} and appends the result, with original spans, to {@code out}. */
    void normalize(String text, int from, int to, NormalizedText out) {
        out.ensureCapacity(out.length + (to - from) + 8);
        for (int i = from; i < to; ) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, text.charAt(i + 1));
                String s = mapSlow(cp);
                for (int k = 0; k < s.length(); k++) out.append(s.charAt(k), i, i + 2);
                i += 2;
                continue;
            }
            switch (kind[ch]) {
                case SINGLE -> out.append(single[ch], i, i + 1);
                case REMOVE -> { }
                case PADDED -> {
                    out.append(' ', i, i + 1);
                    out.append(ch, i, i + 1);
                    out.append(' ', i, i + 1);
                }
                default -> {
                    String s = multi[ch];
                    for (int k = 0; k < s.length(); k++) out.append(s.charAt(k), i, i + 1);
                }
            }
            i++;
        }
    }

    /** Normalizes a whole string (used for normalized added tokens). */
    String normalize(String s) {
        NormalizedText out = new NormalizedText(s.length() + 8);
        normalize(s, 0, s.length(), out);
        return out.text(0, out.length);
    }

    /** What the four steps make of one code point. */
    private String mapSlow(int cp) {
        if (cleanText) {
            if (table.has(cp, BertCharTable.REMOVED)) return "";
            if (table.has(cp, BertCharTable.CLEAN_SPACE)) cp = ' ';
        }
        StringBuilder sb = new StringBuilder(4);
        if (handleChineseChars && table.has(cp, BertCharTable.CHINESE)) {
            sb.append(' ');
            appendStrippedLowered(sb, cp);
            sb.append(' ');
        } else {
            appendStrippedLowered(sb, cp);
        }
        return sb.toString();
    }

    private void appendStrippedLowered(StringBuilder sb, int cp) {
        int[] stripped = stripAccents ? table.stripAccents(cp) : null;
        if (stripped == null) {
            appendLowered(sb, cp);
        } else {
            for (int s : stripped) appendLowered(sb, s);
        }
    }

    private void appendLowered(StringBuilder sb, int cp) {
        int[] lowered = lowercase ? table.lowercase(cp) : null;
        if (lowered == null) {
            sb.appendCodePoint(cp);
        } else {
            for (int l : lowered) sb.appendCodePoint(l);
        }
    }
}
