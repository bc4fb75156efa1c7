package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;

/**
 * Truncation exactly as Hugging Face's {@code truncate_encodings} and {@code Encoding::truncate}: decides how many
 * tokens each sequence keeps, then cuts a sequence into windows of that size, {@code stride} tokens overlapping.
 * The first window is what the encoding keeps; the others become overflowing encodings.
 */
final class Truncator {
    private Truncator() {}

    /** Windows as {from, to} pairs over a sequence of length {@code n}; a single window when nothing is cut. */
    static List<int[]> windows(int n, int maxLen, int stride, Truncation.Direction direction) {
        List<int[]> out = new ArrayList<>();
        if (maxLen >= n) {
            out.add(new int[] {0, n});
            return out;
        }
        if (maxLen == 0) {
            out.add(new int[] {0, 0});
            out.add(new int[] {0, n});
            return out;
        }
        if (stride >= maxLen) {
            throw new IllegalArgumentException("truncation stride (" + stride + ") must be less than the length left"
                    + " for the text (" + maxLen + ", max_length minus the special tokens and the other sequence)");
        }
        int step = maxLen - stride;
        if (direction == Truncation.Direction.RIGHT) {
            for (int start = 0; start < n; start += step) {
                int stop = Math.min(start + maxLen, n);
                out.add(new int[] {start, stop});
                if (stop == n) break;
            }
        } else {
            for (int last = n - 1; last >= 0; last -= step) {
                int stop = last + 1;
                int start = Math.max(0, stop - maxLen);
                out.add(new int[] {start, stop});
                if (start == 0) break;
            }
        }
        return out;
    }

    /**
     * Lengths to keep for a single text ({@code n2 < 0}) or a pair, for a budget of {@code maxLength} tokens after
     * special tokens, or null when nothing needs cutting.
     */
    static int[] targetLengths(Truncation t, int maxLength, int n1, int n2) {
        boolean pair = n2 >= 0;
        int total = n1 + (pair ? n2 : 0);
        if (maxLength == 0) return new int[] {0, pair ? 0 : -1};
        if (total <= maxLength) return null;
        int toRemove = total - maxLength;
        switch (t.strategy()) {
            case LONGEST_FIRST -> {
                if (!pair) return new int[] {total - toRemove, -1};
                int a = n1;
                int b = n2;
                boolean swap = a > b;
                if (swap) {
                    int x = a;
                    a = b;
                    b = x;
                }
                if (a > maxLength) {
                    b = a;
                } else {
                    b = Math.max(a, maxLength - a);
                }
                if (a + b > maxLength) {
                    a = maxLength / 2;
                    b = a + maxLength % 2;
                }
                return swap ? new int[] {b, a} : new int[] {a, b};
            }
            case ONLY_FIRST -> {
                if (n1 > toRemove) return new int[] {n1 - toRemove, n2};
                throw tooShort("first", n1, toRemove);
            }
            case ONLY_SECOND -> {
                if (!pair) {
                    throw new IllegalArgumentException("truncation strategy ONLY_SECOND needs a pair of texts");
                }
                if (n2 > toRemove) return new int[] {n1, n2 - toRemove};
                throw tooShort("second", n2, toRemove);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static IllegalArgumentException tooShort(String which, int len, int toRemove) {
        return new IllegalArgumentException("truncation: the " + which + " sequence has " + len
                + " tokens but " + toRemove + " must be removed; use LONGEST_FIRST or a larger max_length");
    }
}
