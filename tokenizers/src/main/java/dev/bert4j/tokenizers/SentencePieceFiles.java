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

    static SentencePieceModel read(byte[] bytes, String source) {
        ProtoReader r = new ProtoReader(bytes, 0, bytes.length, source);
        List<String> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        int modelType = UNIGRAM;
        SentencePieceNormalizer normalizer = new SentencePieceNormalizer(null, true, true, true);
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (1 << 3) | ProtoReader.LENGTH -> piece(r.message(), pieces, scores, types);
                case (2 << 3) | ProtoReader.LENGTH -> modelType = trainerSpec(r.message());
                case (3 << 3) | ProtoReader.LENGTH -> normalizer = normalizerSpec(r.message(), source);
                default -> r.skip(tag & 7);
            }
        }
        if (pieces.isEmpty()) throw r.broken("has no pieces");
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
        return SentencePieceModel.of(pieces.toArray(String[]::new), s, t, modelType == BPE, normalizer, source);
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

    private static int trainerSpec(ProtoReader r) {
        int modelType = UNIGRAM;
        while (r.more()) {
            int tag = r.tag();
            if (tag == ((3 << 3) | ProtoReader.VARINT)) {
                modelType = (int) r.varint();
            } else if (tag == ((24 << 3) | ProtoReader.VARINT) && r.varint() != 0) {
                throw r.broken("treats whitespace as a suffix, which bert4j's SentencePiece does not handle yet");
            } else if (tag == ((35 << 3) | ProtoReader.VARINT) && r.varint() != 0) {
                throw r.broken("uses byte fallback, which bert4j's SentencePiece does not handle yet");
            } else if (tag != ((24 << 3) | ProtoReader.VARINT) && tag != ((35 << 3) | ProtoReader.VARINT)) {
                r.skip(tag & 7);
            }
        }
        return modelType;
    }

    private static SentencePieceNormalizer normalizerSpec(ProtoReader r, String source) {
        PrecompiledCharsMap map = null;
        boolean dummy = true;
        boolean extra = true;
        boolean escape = true;
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (2 << 3) | ProtoReader.LENGTH -> {
                    byte[] blob = r.bytes();
                    map = blob.length == 0 ? null : new PrecompiledCharsMap(blob, source);
                }
                case (3 << 3) | ProtoReader.VARINT -> dummy = r.varint() != 0;
                case (4 << 3) | ProtoReader.VARINT -> extra = r.varint() != 0;
                case (5 << 3) | ProtoReader.VARINT -> escape = r.varint() != 0;
                default -> r.skip(tag & 7);
            }
        }
        return new SentencePieceNormalizer(map, dummy, extra, escape);
    }
}
