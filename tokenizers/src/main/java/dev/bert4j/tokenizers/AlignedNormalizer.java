package dev.bert4j.tokenizers;

import java.text.Normalizer;

/**
 * Unicode normalization (NFC, NFKC, NFD) that keeps, for every output character, the span of original text it
 * came from. The input is cut into segments that normalize independently (a segment grows while the next code
 * point is a combining mark, starts with one after normalization, or composes with the segment, as with a
 * half-width katakana and its sound mark); each segment is normalized with {@link Normalizer} and every output
 * character gets the span of the whole segment. If the pieces ever disagree with normalizing the whole input at
 * once, the whole input becomes one segment, so the text is always exactly what {@link Normalizer} gives.
 */
final class AlignedNormalizer {
    private AlignedNormalizer() {}

    /** Appends the normalization of {@code in[from, to)} to {@code out}, each character with its original span. */
    static void normalize(NormalizedText in, int from, int to, Normalizer.Form form, NormalizedText out) {
        String whole = new String(in.chars, from, to - from);
        if (Normalizer.isNormalized(whole, form)) {
            for (int i = from; i < to; i++) out.append(in.chars[i], in.srcStart[i], in.srcEnd[i]);
            return;
        }
        int mark = out.length;
        StringBuilder all = new StringBuilder(whole.length() + 8);
        int segStart = from;
        String segNorm = "";
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(in.chars, i, to);
            int next = i + Character.charCount(cp);
            String cNorm = Normalizer.normalize(new String(in.chars, i, next - i), form);
            if (i > segStart && joins(cp, cNorm, in.chars, segStart, next, segNorm, form)) {
                segNorm = Normalizer.normalize(new String(in.chars, segStart, next - segStart), form);
            } else {
                if (i > segStart) emit(segNorm, in.srcStart[segStart], in.srcEnd[i - 1], out, all);
                segStart = i;
                segNorm = cNorm;
            }
            i = next;
        }
        if (to > segStart) emit(segNorm, in.srcStart[segStart], in.srcEnd[to - 1], out, all);
        if (!all.toString().equals(Normalizer.normalize(whole, form))) {
            out.length = mark;
            emit(Normalizer.normalize(whole, form), in.srcStart[from], in.srcEnd[to - 1], out, new StringBuilder());
        }
    }

    private static boolean joins(int cp, String cNorm, char[] chars, int segStart, int next, String segNorm,
                                 Normalizer.Form form) {
        if (isMark(cp) || (!cNorm.isEmpty() && isMark(cNorm.codePointAt(0)))) return true;
        String joined = Normalizer.normalize(new String(chars, segStart, next - segStart), form);
        return !joined.equals(segNorm + cNorm);
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    private static void emit(String norm, int start, int end, NormalizedText out, StringBuilder all) {
        for (int k = 0; k < norm.length(); k++) out.append(norm.charAt(k), start, end);
        all.append(norm);
    }
}
