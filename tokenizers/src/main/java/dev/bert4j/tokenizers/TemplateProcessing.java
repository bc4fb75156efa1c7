package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face {@code TemplateProcessing} post-processor (the {@code BertProcessing} form maps onto it): lays out
 * special tokens and the sequences as the {@code single} or {@code pair} template says, with their type ids.
 * Immutable.
 */
final class TemplateProcessing {
    /** A template piece: a special token (ids/tokens from {@code special_tokens}) or sequence A (0) / B (1). */
    record Piece(boolean special, int sequence, int[] ids, String[] tokens, int typeId) {}

    private final List<Piece> single;
    private final List<Piece> pair;

    TemplateProcessing(List<Piece> single, List<Piece> pair) {
        this.single = List.copyOf(single);
        this.pair = List.copyOf(pair);
    }

    /** The BERT layout {@code [CLS] $A [SEP]} / {@code [CLS] $A [SEP] $B:1 [SEP]:1}. */
    static TemplateProcessing bert(String cls, int clsId, String sep, int sepId) {
        Piece c = new Piece(true, -1, new int[] {clsId}, new String[] {cls}, 0);
        Piece s0 = new Piece(true, -1, new int[] {sepId}, new String[] {sep}, 0);
        Piece s1 = new Piece(true, -1, new int[] {sepId}, new String[] {sep}, 1);
        Piece a = new Piece(false, 0, null, null, 0);
        Piece b = new Piece(false, 1, null, null, 1);
        return new TemplateProcessing(List.of(c, a, s0), List.of(c, a, s0, b, s1));
    }

    int addedTokens(boolean isPair) {
        int n = 0;
        for (Piece p : isPair ? pair : single) {
            if (p.special()) n += p.ids().length;
        }
        return n;
    }

    /** The first special token of the single template, if any (for {@link Tokenizer#specialTokens()}). */
    List<Piece> singleTemplate() {
        return single;
    }

    List<Piece> pairTemplate() {
        return pair;
    }

    /** A window {@code [from, to)} of a tokenized sequence. */
    record Span(TokenSequence seq, int from, int to) {
        int length() {
            return to - from;
        }
    }

    /**
     * Builds the final encoding for a (possibly truncated) single text or pair, overflow windows included. Without
     * overflow this is one pass over the template. With overflow it follows the reference literally: each template
     * piece becomes an encoding (sequence pieces carry their cut-off windows as overflowing) and the pieces are
     * folded with Hugging Face's {@code Encoding::merge_with}, which pairs every window of A with B and with every
     * window of B, and nests windows the same way the reference does.
     */
    Encoding process(List<Span> aWindows, List<Span> bWindows) {
        Span a = aWindows.getFirst();
        Span b = bWindows == null ? null : bWindows.getFirst();
        if (aWindows.size() == 1 && (bWindows == null || bWindows.size() == 1)) {
            return assemble(a, b, List.of());
        }
        Encoding result = null;
        for (Piece p : b == null ? single : pair) {
            Encoding piece;
            if (p.special()) {
                piece = specialEncoding(p);
            } else {
                List<Span> windows = p.sequence() == 0 ? aWindows : bWindows;
                List<Encoding> over = new ArrayList<>();
                for (int i = 1; i < windows.size(); i++) over.add(sequenceEncoding(windows.get(i), p, List.of()));
                piece = sequenceEncoding(windows.getFirst(), p, over);
            }
            result = result == null ? piece : mergeWith(result, piece);
        }
        return result;
    }

    /** Hugging Face {@code Encoding::merge_with}: concatenation, with overflowing windows combined. */
    static Encoding mergeWith(Encoding self, Encoding pair) {
        List<Encoding> over = new ArrayList<>();
        for (Encoding so : self.overflowing()) {
            over.add(mergeWith(so, pair));
            for (Encoding po : pair.overflowing()) over.add(mergeWith(so, po));
        }
        for (Encoding po : pair.overflowing()) over.add(mergeWith(self, po));
        return new Encoding(concat(self.ids(), pair.ids()), concat(self.tokens(), pair.tokens()),
                concat(self.typeIds(), pair.typeIds()), concat(self.attentionMask(), pair.attentionMask()),
                concat(self.specialTokensMask(), pair.specialTokensMask()), concat(self.wordIds(), pair.wordIds()),
                concat(self.sequenceIds(), pair.sequenceIds()), concat(self.offsets(), pair.offsets()), over);
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static String[] concat(String[] x, String[] y) {
        String[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static Encoding specialEncoding(Piece p) {
        int n = p.ids().length;
        int[] typeIds = new int[n];
        int[] ones = new int[n];
        int[] none = new int[n];
        java.util.Arrays.fill(typeIds, p.typeId());
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(none, -1);
        return new Encoding(p.ids().clone(), p.tokens().clone(), typeIds, ones, ones.clone(), none, none.clone(),
                new int[2 * n], List.of());
    }

    private static Encoding sequenceEncoding(Span s, Piece p, List<Encoding> overflowing) {
        int len = s.length();
        TokenSequence t = s.seq();
        int[] typeIds = new int[len];
        int[] ones = new int[len];
        int[] zeros = new int[len];
        int[] seq = new int[len];
        java.util.Arrays.fill(typeIds, p.typeId());
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(seq, p.sequence());
        return new Encoding(java.util.Arrays.copyOfRange(t.ids, s.from(), s.to()),
                java.util.Arrays.copyOfRange(t.tokens, s.from(), s.to()), typeIds, ones, zeros,
                java.util.Arrays.copyOfRange(t.words, s.from(), s.to()), seq,
                java.util.Arrays.copyOfRange(t.offsets, 2 * s.from(), 2 * s.to()), overflowing);
    }

    private Encoding assemble(Span a, Span b, List<Encoding> overflowing) {
        List<Piece> template = b == null ? single : pair;
        int n = 0;
        for (Piece p : template) {
            n += p.special() ? p.ids().length : (p.sequence() == 0 ? a : b).length();
        }
        int[] ids = new int[n];
        String[] tokens = new String[n];
        int[] typeIds = new int[n];
        int[] attention = new int[n];
        int[] special = new int[n];
        int[] words = new int[n];
        int[] seqIds = new int[n];
        int[] offsets = new int[2 * n];
        int k = 0;
        for (Piece p : template) {
            if (p.special()) {
                for (int i = 0; i < p.ids().length; i++, k++) {
                    ids[k] = p.ids()[i];
                    tokens[k] = p.tokens()[i];
                    typeIds[k] = p.typeId();
                    attention[k] = 1;
                    special[k] = 1;
                    words[k] = -1;
                    seqIds[k] = -1;
                }
            } else {
                Span s = p.sequence() == 0 ? a : b;
                TokenSequence t = s.seq();
                int len = s.length();
                System.arraycopy(t.ids, s.from(), ids, k, len);
                System.arraycopy(t.tokens, s.from(), tokens, k, len);
                System.arraycopy(t.words, s.from(), words, k, len);
                System.arraycopy(t.offsets, 2 * s.from(), offsets, 2 * k, 2 * len);
                for (int i = 0; i < len; i++, k++) {
                    typeIds[k] = p.typeId();
                    attention[k] = 1;
                    seqIds[k] = p.sequence();
                }
            }
        }
        return new Encoding(ids, tokens, typeIds, attention, special, words, seqIds, offsets, overflowing);
    }

    /** Parses a special token entry of {@code special_tokens}: {"id": .., "ids": [..], "tokens": [..]}. */
    static Piece specialPiece(Map<String, Piece> specials, String name, int typeId, String source) {
        Piece p = specials.get(name);
        if (p == null) {
            throw TokenizerException.field(source, "post_processor.special_tokens",
                    "has no entry for '" + name + "', which the template uses");
        }
        return new Piece(true, -1, p.ids(), p.tokens(), typeId);
    }
}
