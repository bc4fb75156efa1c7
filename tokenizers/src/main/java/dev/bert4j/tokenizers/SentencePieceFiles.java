package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SentencePiece {@code ModelProto}: {@code pieces} (1: piece, score, type), {@code trainer_spec} (2:
 * {@code model_type} 3, {@code treat_whitespace_as_suffix} 24, {@code byte_fallback} 35) and {@code normalizer_spec}
 * (3: {@code precompiled_charsmap} 2, {@code add_dummy_prefix} 3, {@code remove_extra_whitespaces} 4,
 * {@code escape_whitespaces} 5, each true when absent). Unknown fields are skipped, as protocol buffers do.
 */
final class SentencePieceFiles {
    private static final int UNIGRAM = 1;
    private static final int BPE = 2;

    private SentencePieceFiles() {}

    /**
     * The parts of a {@code ModelProto} bert4j uses. {@code charsMap} is the raw {@code precompiled_charsmap} (empty
     * for none); {@code unkId} is {@code trainer_spec.unk_id} (default 0).
     */
    record Proto(String[] pieces, float[] scores, int[] types, int modelType, boolean byteFallback,
                 boolean whitespaceAsSuffix, int unkId, byte[] charsMap, boolean addDummyPrefix,
                 boolean removeExtraWhitespaces, boolean escapeWhitespaces) {
        boolean bpe() {
            return modelType == BPE;
        }
    }

    static SentencePieceModel read(byte[] bytes, String source) {
        Proto p = proto(bytes, source);
        if (p.whitespaceAsSuffix()) {
            throw new TokenizerException(source + ": treats whitespace as a suffix, which bert4j's SentencePiece does not handle");
        }
        if (p.byteFallback()) {
            throw new TokenizerException(source + ": uses byte fallback, which bert4j's exact SentencePiece encoder does not"
                    + " handle; a tokenizer.json converted from it (Tokenizer.fromFile on its directory) does");
        }
        PrecompiledCharsMap map = p.charsMap().length == 0 ? null : new PrecompiledCharsMap(p.charsMap(), source);
        SentencePieceNormalizer normalizer = new SentencePieceNormalizer(map, p.addDummyPrefix(), p.removeExtraWhitespaces(),
                p.escapeWhitespaces());
        return SentencePieceModel.of(p.pieces(), p.scores(), p.types(), p.bpe(), normalizer, source);
    }

    static Proto proto(byte[] bytes, String source) {
        ProtoReader r = new ProtoReader(bytes, 0, bytes.length, source);
        List<String> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        long[] trainer = {UNIGRAM, 0, 0, 0};
        Object[] norm = {new byte[0], true, true, true};
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (1 << 3) | ProtoReader.LENGTH -> piece(r.message(), pieces, scores, types);
                case (2 << 3) | ProtoReader.LENGTH -> trainerSpec(r.message(), trainer);
                case (3 << 3) | ProtoReader.LENGTH -> normalizerSpec(r.message(), norm);
                default -> r.skip(tag & 7);
            }
        }
        if (pieces.isEmpty()) throw r.broken("has no pieces");
        int modelType = (int) trainer[0];
        if (modelType != UNIGRAM && modelType != BPE) {
            throw new TokenizerException(source + ": is a SentencePiece model of type " + modelType
                    + "; bert4j reads Unigram (1) and BPE (2) models");
        }
        float[] s = new float[scores.size()];
        int[] t = new int[types.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            t[i] = types.get(i);
        }
        return new Proto(pieces.toArray(String[]::new), s, t, modelType, trainer[2] != 0, trainer[1] != 0, (int) trainer[3],
                (byte[]) norm[0], (boolean) norm[1], (boolean) norm[2], (boolean) norm[3]);
    }

    private static void piece(ProtoReader r, List<String> pieces, List<Float> scores, List<Integer> types) {
        String piece = null;
        float score = 0f;
        int type = SentencePieceModel.NORMAL;
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (1 << 3) | ProtoReader.LENGTH -> piece = r.string();
                case (2 << 3) | ProtoReader.FIXED32 -> score = r.fixed32Float();
                case (3 << 3) | ProtoReader.VARINT -> type = (int) r.varint();
                default -> r.skip(tag & 7);
            }
        }
        if (piece == null) throw r.broken("piece " + pieces.size() + " has no text");
        if (type < SentencePieceModel.NORMAL || type > SentencePieceModel.BYTE) throw r.broken("piece '" + piece + "' has type " + type);
        pieces.add(piece);
        scores.add(score);
        types.add(type);
    }

    /** {@code model_type} (3), {@code treat_whitespace_as_suffix} (24), {@code byte_fallback} (35), {@code unk_id} (40). */
    private static void trainerSpec(ProtoReader r, long[] out) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (3 << 3) | ProtoReader.VARINT -> out[0] = r.varint();
                case (24 << 3) | ProtoReader.VARINT -> out[1] = r.varint();
                case (35 << 3) | ProtoReader.VARINT -> out[2] = r.varint();
                case (40 << 3) | ProtoReader.VARINT -> out[3] = r.varint();
                default -> r.skip(tag & 7);
            }
        }
    }

    private static void normalizerSpec(ProtoReader r, Object[] out) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (2 << 3) | ProtoReader.LENGTH -> out[0] = r.bytes();
                case (3 << 3) | ProtoReader.VARINT -> out[1] = r.varint() != 0;
                case (4 << 3) | ProtoReader.VARINT -> out[2] = r.varint() != 0;
                case (5 << 3) | ProtoReader.VARINT -> out[3] = r.varint() != 0;
                default -> r.skip(tag & 7);
            }
        }
    }
}
