package dev.bert4j.tokenizers;

import java.util.Locale;

/**
 * The character rules of transformers' slow (Python) tokenizers, with the JDK's Unicode tables standing in for
 * Python's {@code unicodedata}: {@code str.isspace}, {@code str.lower}, and {@code tokenization_utils}'
 * {@code _is_whitespace}, {@code _is_control} and {@code _is_punctuation}.
 */
final class PythonText {
    private PythonText() {}

    /** Python's {@code str.isspace} for one code point: what {@code str.split()} and {@code str.strip()} remove. */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, 0x0C, '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
                 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** {@code _is_whitespace}: space, tab, newline, carriage return, or a space separator (Zs). */
    static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** {@code _is_control}: a category starting with C, except tab, newline and carriage return. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
                || t == Character.SURROGATE || t == Character.UNASSIGNED;
    }

    /** {@code _is_punctuation}: the ASCII non-letter, non-digit symbols, or a category starting with P. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The characters with Unicode Numeric_Type=Digit, which Python's {@code str.isdigit} accepts beside the decimal
     * digits (Nd): superscripts, subscripts, circled and parenthesized digits and the like, as {@code [first, last]}
     * pairs (Unicode 14, Python 3.11's {@code unicodedata}; no character has been added to the type since).
     */
    private static final int[] NUMERIC_TYPE_DIGIT = {0xB2, 0xB3, 0xB9, 0xB9, 0x1369, 0x1371, 0x19DA, 0x19DA,
        0x2070, 0x2070, 0x2074, 0x2079, 0x2080, 0x2089, 0x2460, 0x2468, 0x2474, 0x247C, 0x2488, 0x2490, 0x24EA, 0x24EA,
        0x24F5, 0x24FD, 0x24FF, 0x24FF, 0x2776, 0x277E, 0x2780, 0x2788, 0x278A, 0x2792, 0x10A40, 0x10A43,
        0x10E60, 0x10E68, 0x11052, 0x1105A, 0x1F100, 0x1F10A};

    /** Python's {@code str.isdigit} for one code point: a decimal digit (Nd) or a Numeric_Type=Digit character. */
    static boolean isDigit(int cp) {
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) return true;
        for (int i = 0; i < NUMERIC_TYPE_DIGIT.length; i += 2) {
            if (cp >= NUMERIC_TYPE_DIGIT[i] && cp <= NUMERIC_TYPE_DIGIT[i + 1]) return true;
        }
        return false;
    }

    /** Python's {@code str.lower} of a one-character string. */
    static String lowerOne(int cp) {
        return new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
    }

    /**
     * Appends Python's {@code str.lower} of {@code in[from, to)} to {@code out}, each output character with the span
     * of the code point it came from. The string is lowered as a whole, so a final sigma becomes ς as in Python;
     * every other code point lowers on its own.
     */
    static void lower(NormalizedText in, int from, int to, NormalizedText out) {
        String whole = new String(in.chars, from, to - from).toLowerCase(Locale.ROOT);
        int mark = out.length;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(in.chars, i, to);
            int n = Character.charCount(cp);
            String l = lowerOne(cp);
            for (int k = 0; k < l.length(); k++) out.append(l.charAt(k), in.srcStart[i], in.srcEnd[i + n - 1]);
            i += n;
        }
        if (out.length - mark == whole.length()) {
            for (int k = 0; k < whole.length(); k++) out.chars[mark + k] = whole.charAt(k);
        }
    }

    /** Python's {@code text.split()}: the [start, end) ranges of the runs of {@code in[from, to)} between spaces. */
    static IntList split(char[] chars, int from, int to) {
        IntList out = new IntList(8);
        int start = -1;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(chars, i, to);
            int n = Character.charCount(cp);
            if (isSpace(cp)) {
                if (start >= 0) out.add3(start, i, 0);
                start = -1;
            } else if (start < 0) {
                start = i;
            }
            i += n;
        }
        if (start >= 0) out.add3(start, to, 0);
        return out;
    }
}
