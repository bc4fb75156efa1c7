package dev.bert4j.tokenizers;

/**
 * Hugging Face {@code BertPreTokenizer}: splits normalized text on whitespace (which is dropped) and around every
 * punctuation character (each becomes a word of its own). Shared by {@link Pipeline} (encoding) and
 * {@link WordCounter} (vocabulary training), so both see exactly the same words. Immutable.
 */
final class BertPreTokenizer {
    /** Receives each word as a range {@code [start, end)} of the split characters, in text order. */
    @FunctionalInterface
    interface WordSink {
        void word(int start, int end);
    }

    private final BertCharTable table = BertCharTable.get();
    private final byte[] asciiFlags = new byte[128];

    BertPreTokenizer() {
        for (int c = 0; c < 128; c++) asciiFlags[c] = (byte) table.flags(c);
    }

    /** Splits {@code chars[from, to)} into words, handing each to {@code sink}. */
    void split(char[] chars, int from, int to, WordSink sink) {
        int wordStart = -1;
        int i = from;
        while (i < to) {
            char c = chars[i];
            int flags;
            int w = 1;
            if (c < 128) {
                flags = asciiFlags[c];
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
                flags = table.flags(Character.toCodePoint(c, chars[i + 1]));
                w = 2;
            } else {
                flags = table.flags(c);
            }
            if ((flags & (BertCharTable.WHITESPACE | BertCharTable.PUNCTUATION)) == 0) {
                if (wordStart < 0) wordStart = i;
            } else {
                if (wordStart >= 0) {
                    sink.word(wordStart, i);
                    wordStart = -1;
                }
                if ((flags & BertCharTable.WHITESPACE) == 0) sink.word(i, i + w);
            }
            i += w;
        }
        if (wordStart >= 0) sink.word(wordStart, to);
    }
}
