package dev.bert4j.tokenizers;

import java.util.Arrays;

/**
 * Scratch buffer holding normalized text with, for each normalized UTF-16 unit, the span of original text it came
 * from. Per call, never shared between threads; grows as needed and is reused across pieces of one input.
 */
final class NormalizedText {
    char[] chars;
    /** Original start (inclusive) and end (exclusive) of the character each normalized unit came from. */
    int[] srcStart;
    int[] srcEnd;
    int length;

    NormalizedText(int capacity) {
        int c = Math.max(16, capacity);
        chars = new char[c];
        srcStart = new int[c];
        srcEnd = new int[c];
    }

    void clear() {
        length = 0;
    }

    void append(char c, int start, int end) {
        if (length == chars.length) grow(length + 1);
        chars[length] = c;
        srcStart[length] = start;
        srcEnd[length] = end;
        length++;
    }

    void appendCodePoint(int cp, int start, int end) {
        if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            append((char) cp, start, end);
        } else {
            append(Character.highSurrogate(cp), start, end);
            append(Character.lowSurrogate(cp), start, end);
        }
    }

    void ensureCapacity(int n) {
        if (n > chars.length) grow(n);
    }

    private void grow(int min) {
        int c = Math.max(min, chars.length * 2);
        chars = Arrays.copyOf(chars, c);
        srcStart = Arrays.copyOf(srcStart, c);
        srcEnd = Arrays.copyOf(srcEnd, c);
    }

    String text(int from, int to) {
        return new String(chars, from, to - from);
    }
}
