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

    /** Builds the final encoding for a (possibly truncated) single text or pair, overflow windows included. */
    Encoding process(List<Span> aWindows, List<Span> bWindows) {
        Span a = aWindows.getFirst();
        Span b = bWindows == null ? null : bWindows.getFirst();
        List<Encoding> overflowing = new ArrayList<>();
        for (int i = 1; i < aWindows.size(); i++) {
            Span ao = aWindows.get(i);
            overflowing.add(assemble(ao, b, List.of()));
            if (bWindows != null) {
                for (int j = 1; j < bWindows.size(); j++) overflowing.add(assemble(ao, bWindows.get(j), List.of()));
            }
        }
        if (bWindows != null) {
            for (int j = 1; j < bWindows.size(); j++) overflowing.add(assemble(a, bWindows.get(j), List.of()));
        }
        return assemble(a, b, overflowing);
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
