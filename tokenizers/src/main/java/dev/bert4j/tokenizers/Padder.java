package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;

/** Hugging Face {@code Encoding::pad}: pads the overflowing windows, then the encoding itself, to a length. */
final class Padder {
    private Padder() {}

    static Encoding pad(Encoding e, int target, Padding p) {
        List<Encoding> overflowing = e.overflowing();
        if (!overflowing.isEmpty()) {
            List<Encoding> padded = new ArrayList<>(overflowing.size());
            for (Encoding o : overflowing) padded.add(pad(o, target, p));
            overflowing = padded;
        }
        int n = e.length();
        if (n >= target) {
            return overflowing == e.overflowing() ? e : new Encoding(e.ids(), e.tokens(), e.typeIds(),
                    e.attentionMask(), e.specialTokensMask(), e.wordIds(), e.sequenceIds(), e.offsets(), overflowing);
        }
        int pad = target - n;
        int at = p.direction() == Padding.Direction.RIGHT ? 0 : pad; // where the real tokens go
        int padAt = p.direction() == Padding.Direction.RIGHT ? n : 0;
        int[] ids = new int[target];
        String[] tokens = new String[target];
        int[] typeIds = new int[target];
        int[] attention = new int[target];
        int[] special = new int[target];
        int[] words = new int[target];
        int[] seqIds = new int[target];
        int[] offsets = new int[2 * target];
        System.arraycopy(e.ids(), 0, ids, at, n);
        System.arraycopy(e.tokens(), 0, tokens, at, n);
        System.arraycopy(e.typeIds(), 0, typeIds, at, n);
        System.arraycopy(e.attentionMask(), 0, attention, at, n);
        System.arraycopy(e.specialTokensMask(), 0, special, at, n);
        System.arraycopy(e.wordIds(), 0, words, at, n);
        System.arraycopy(e.sequenceIds(), 0, seqIds, at, n);
        System.arraycopy(e.offsets(), 0, offsets, 2 * at, 2 * n);
        for (int i = padAt; i < padAt + pad; i++) {
            ids[i] = p.padId();
            tokens[i] = p.padToken();
            typeIds[i] = p.padTypeId();
            special[i] = 1;
            words[i] = -1;
            seqIds[i] = -1;
        }
        return new Encoding(ids, tokens, typeIds, attention, special, words, seqIds, offsets, overflowing);
    }
}
