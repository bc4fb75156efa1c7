package dev.bert4j.tokenizers;

/**
 * Hugging Face {@code BertNormalizer}: {@code clean_text} (drop controls, whitespace to a space), then
 * {@code handle_chinese_chars} (pad CJK ideographs with spaces), then {@code strip_accents} (NFD, drop non-spacing
 * marks), then {@code lowercase} (per character, full mapping). Every step works one character at a time, so each
 * normalized character keeps the span of the original character it came from.
 *
 * <p>The combined result for a BMP character (a single replacement character or a removal in the common case) is
 * worked out on its first use and kept, so normalizing is one table lookup per character; working all 65,536 out
 * when the tokenizer loads cost a fresh JVM tens of milliseconds at every start.
 */
final class BertNormalizer {
    private static final int SINGLE = 1;
    private static final int REMOVE = 2;
    private static final int MULTI = 3;
    /** A CJK ideograph that only handle_chinese_chars changes: itself between two spaces. */
    private static final int PADDED = 4;

    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;
    private final BertCharTable table;
    /**
     * Per BMP character, {@code kind << 16 | replacement} once known, 0 before. Threads may fill an entry at the same
     * time: each writes the same value, and an int is written whole.
     */
    private final int[] entries = new int[65536];
    /** The replacement of a MULTI character; may be seen as null by another thread, which then works it out again. */
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
    }

    /** Works out and keeps what the four steps make of BMP character {@code c}. */
    private int entry(char c) {
        int e;
        if (Character.isSurrogate(c) || table.unchanged(c)) {
            e = SINGLE << 16 | c;
        } else if (handleChineseChars && table.flags(c) == BertCharTable.CHINESE && !table.mapped(c)) {
            e = PADDED << 16;
        } else {
            String s = mapSlow(c);
            if (s.isEmpty()) {
                e = REMOVE << 16;
            } else if (s.length() == 1) {
                e = SINGLE << 16 | s.charAt(0);
            } else {
                multi[c] = s;
                e = MULTI << 16;
            }
        }
        entries[c] = e;
        return e;
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
            int e = entries[ch];
            if (e == 0) {
                e = entry(ch);
            }
            switch (e >>> 16) {
                case SINGLE -> out.append((char) e, i, i + 1);
                case REMOVE -> { }
                case PADDED -> {
                    out.append(' ', i, i + 1);
                    out.append(ch, i, i + 1);
                    out.append(' ', i, i + 1);
                }
                default -> {
                    String s = multi[ch];
                    if (s == null) {
                        s = mapSlow(ch);
                    }
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
