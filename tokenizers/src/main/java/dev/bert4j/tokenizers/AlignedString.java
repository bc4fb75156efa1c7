package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Hugging Face's {@code NormalizedString} one code point at a time: the normalized code points, each aligned to the
 * {@code [start, end)} of original text (UTF-16 indices into the whole input) it came from, and the original start of
 * the piece. {@link #transform} is {@code transform_range} with its rules: a code point with change 0 replaces the
 * next original one and takes its alignment; {@code -n} also removes the {@code n} after it; {@code +1} is inserted
 * and takes the alignment of the code point before. Offsets of a range are the first one's start and the last one's
 * end. Per call scratch, never shared.
 */
final class AlignedString {
    int[] cps;
    int[] start;
    int[] end;
    int length;
    /** {@code offsets_original().0}: where this piece starts in the original text. */
    final int originalStart;

    private AlignedString(int[] cps, int[] start, int[] end, int length, int originalStart) {
        this.cps = cps;
        this.start = start;
        this.end = end;
        this.length = length;
        this.originalStart = originalStart;
    }

    /** {@code text[from, to)} as it is, each code point aligned to itself. */
    static AlignedString of(String text, int from, int to) {
        int n = text.codePointCount(from, to);
        int[] cps = new int[n];
        int[] s = new int[n];
        int[] e = new int[n];
        for (int i = from, k = 0; i < to; k++) {
            int cp = text.codePointAt(i);
            cps[k] = cp;
            s[k] = i;
            i += Character.charCount(cp);
            e[k] = Math.min(i, to);
        }
        return new AlignedString(cps, s, e, n, from);
    }

    /** {@code cps[from, to)} as a new piece starting where its first code point is aligned (HF's {@code slice}). */
    AlignedString slice(int from, int to) {
        return new AlignedString(Arrays.copyOfRange(cps, from, to), Arrays.copyOfRange(start, from, to),
                Arrays.copyOfRange(end, from, to), to - from, from < length ? start[from] : originalStart);
    }

    String text() {
        return new String(cps, 0, length);
    }

    String text(int from, int to) {
        return new String(cps, from, to - from);
    }

    /**
     * Replaces {@code [from, to)} by {@code dest}: pairs of (code point, change) after skipping {@code initialOffset}
     * code points of the range, as {@code transform_range} does.
     */
    void transformRange(int from, int to, IntList dest, int initialOffset) {
        int n = dest.size / 2;
        int total = length - (to - from) + n;
        int[] c = new int[total];
        int[] s = new int[total];
        int[] e = new int[total];
        System.arraycopy(cps, 0, c, 0, from);
        System.arraycopy(start, 0, s, 0, from);
        System.arraycopy(end, 0, e, 0, from);
        int old = from + initialOffset;
        for (int k = 0; k < n; k++) {
            int change = dest.a[2 * k + 1];
            int at = from + k;
            c[at] = dest.a[2 * k];
            if (change > 0) {
                s[at] = old < 1 ? originalStart : start[old - 1];
                e[at] = old < 1 ? originalStart : end[old - 1];
            } else {
                if (old >= length) throw new IllegalStateException("transformation consumes more than the text has");
                s[at] = start[old];
                e[at] = end[old];
                old += 1 - change;
            }
        }
        System.arraycopy(cps, to, c, from + n, length - to);
        System.arraycopy(start, to, s, from + n, length - to);
        System.arraycopy(end, to, e, from + n, length - to);
        cps = c;
        start = s;
        end = e;
        length = total;
    }

    void transform(IntList dest, int initialOffset) {
        transformRange(0, length, dest, initialOffset);
    }

    /** HF's {@code replace}: every match {@code [start, end)} becomes {@code content}, each code point inserted. */
    void replace(List<int[]> matches, String content) {
        int[] add = content.codePoints().toArray();
        for (int m = matches.size() - 1; m >= 0; m--) {
            int[] r = matches.get(m);
            IntList dest = new IntList(2 * add.length + 2);
            for (int cp : add) {
                dest.add(cp);
                dest.add(1);
            }
            transformRange(r[0], r[1], dest, r[1] - r[0]);
        }
    }

    /** HF's {@code prepend}: {@code s} in front, every code point of it aligned as the first one. */
    void prepend(String s) {
        if (length == 0 || s.isEmpty()) return;
        IntList dest = new IntList(8);
        int[] add = s.codePoints().toArray();
        for (int k = 0; k < add.length; k++) {
            dest.add(add[k]);
            dest.add(k == 0 ? 0 : 1);
        }
        dest.add(cps[0]);
        dest.add(1);
        transformRange(0, 1, dest, 0);
    }

    /** HF's {@code lrstrip}: leading and/or trailing whitespace (Unicode {@code White_Space}) removed. */
    void strip(boolean left, boolean right) {
        int lead = 0;
        while (left && lead < length && isWhitespace(cps[lead])) lead++;
        int trail = 0;
        while (right && trail < length && isWhitespace(cps[length - 1 - trail])) trail++;
        if (lead == 0 && trail == 0) return;
        IntList dest = new IntList(2 * length);
        for (int i = lead; i < length - trail; i++) {
            dest.add(cps[i]);
            dest.add(i == length - trail - 1 ? -trail : 0);
        }
        transform(dest, lead);
    }

    /** HF's {@code filter}: the code points {@code keep} rejects are removed, each counted against the one before. */
    void filter(IntPredicate keep) {
        IntList reversed = new IntList(2 * length);
        int removed = 0;
        for (int i = length - 1; i >= 0; i--) {
            if (keep.test(cps[i])) {
                reversed.add(-removed);
                reversed.add(cps[i]);
                removed = 0;
            } else {
                removed++;
            }
        }
        IntList dest = new IntList(reversed.size);
        for (int k = reversed.size - 1; k > 0; k -= 2) {
            dest.add(reversed.a[k]);
            dest.add(reversed.a[k - 1]);
        }
        transform(dest, removed);
    }

    /** Rust's {@code char::is_whitespace}: the Unicode {@code White_Space} property. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** The code point ranges where {@code p} holds, one match per code point. */
    List<int[]> matchesOf(IntPredicate p) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (p.test(cps[i])) out.add(new int[] {i, i + 1});
        }
        return out;
    }

    /** The code point ranges where {@code needle} occurs, left to right, not overlapping. */
    List<int[]> matchesOf(String needle) {
        int[] n = needle.codePoints().toArray();
        List<int[]> out = new ArrayList<>();
        if (n.length == 0) return out;
        for (int i = 0; i + n.length <= length; ) {
            if (Arrays.equals(cps, i, i + n.length, n, 0, n.length)) {
                out.add(new int[] {i, i + n.length});
                i += n.length;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The code point ranges a regular expression matches, left to right. */
    List<int[]> matchesOf(java.util.regex.Pattern regex) {
        String s = text();
        List<int[]> out = new ArrayList<>();
        java.util.regex.Matcher m = regex.matcher(s);
        while (m.find()) {
            if (m.start() == m.end()) continue;
            int a = s.codePointCount(0, m.start());
            out.add(new int[] {a, a + s.codePointCount(m.start(), m.end())});
        }
        return out;
    }

    /**
     * HF's {@code split} with {@code Removed} ({@code removed} true) or {@code MergedWithNext}: the pieces between
     * and around the matches, a match dropped or glued to the front of the piece after it.
     */
    List<AlignedString> split(List<int[]> matches, boolean removed) {
        List<int[]> parts = new ArrayList<>();
        int last = 0;
        for (int[] m : matches) {
            if (last < m[0]) parts.add(new int[] {last, m[0], 0});
            parts.add(new int[] {m[0], m[1], 1});
            last = m[1];
        }
        if (last < length) parts.add(new int[] {last, length, 0});
        List<AlignedString> out = new ArrayList<>();
        if (removed) {
            for (int[] p : parts) {
                if (p[2] == 0) out.add(slice(p[0], p[1]));
            }
            return out;
        }
        List<int[]> merged = new ArrayList<>();
        boolean nextIsMatch = false;
        for (int i = parts.size() - 1; i >= 0; i--) {
            int[] p = parts.get(i);
            boolean match = p[2] == 1;
            if (match && !nextIsMatch && !merged.isEmpty()) {
                merged.getLast()[0] = p[0];
            } else {
                merged.add(new int[] {p[0], p[1]});
            }
            nextIsMatch = match;
        }
        for (int i = merged.size() - 1; i >= 0; i--) out.add(slice(merged.get(i)[0], merged.get(i)[1]));
        return out;
    }
}
