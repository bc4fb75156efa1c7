package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@code tokenizer.json} whose model is {@code Unigram} or {@code BPE}, as Hugging Face {@code tokenizers}
 * writes them for SentencePiece checkpoints: normalizers {@code Precompiled}, {@code Replace}, {@code Strip},
 * {@code NFC}/{@code NFD}/{@code NFKC}/{@code NFKD}, {@code Lowercase}, {@code StripAccents} and {@code Sequence};
 * pre-tokenizers {@code Metaspace}, {@code WhitespaceSplit} and {@code Sequence}; {@code Metaspace} or
 * {@code Sequence} decoders. Anything else is refused naming the field.
 */
final class PieceJsonFiles {
    private PieceJsonFiles() {}

    static Tokenizer fromTree(JsonNode root, String source, OptionalInt modelMaxLength) {
        PieceModel model = model(root.get("model"), source);
        PieceNormalizer normalizer = normalizer(root.get("normalizer"), "normalizer", source);
        PiecePreTokenizer pre = preTokenizer(root.get("pre_tokenizer"), "pre_tokenizer", source);
        List<AddedToken> tokens = TokenizerFiles.addedTokens(root.get("added_tokens"), source);
        AddedVocabulary added = new AddedVocabulary(AddedVocabulary.assignIds(tokens, model),
                normalizer == null ? null : normalizer::apply);
        TemplateProcessing post = TokenizerFiles.postProcessor(root.get("post_processor"), source);
        TokenDecoder decoder = decoder(root.get("decoder"), source);
        Truncation truncation = TokenizerFiles.truncation(root.get("truncation"), source);
        Padding padding = TokenizerFiles.padding(root.get("padding"), source);
        PiecePipeline pipeline = new PiecePipeline(added, normalizer, pre, model);
        return new Tokenizer(pipeline, post, decoder, truncation, padding, specials(post, model, added, padding),
                modelMaxLength);
    }

    /** The template's first and last special tokens as CLS and SEP; PAD and MASK in BERT's or SentencePiece's spelling. */
    private static SpecialTokens specials(TemplateProcessing post, Vocabulary model, AddedVocabulary added, Padding padding) {
        SpecialTokens bert = TokenizerFiles.specials(post, model, added, padding);
        String pad = padding != null ? padding.padToken() : known(model, added, "[PAD]", "<pad>");
        String mask = known(model, added, "[MASK]", "<mask>");
        return TokenizerFiles.specials(bert.cls(), bert.sep(), pad, mask, model.unkToken(), model, added);
    }

    private static String known(Vocabulary model, AddedVocabulary added, String... names) {
        for (String n : names) {
            if (added.tokenToId(n, model) >= 0) return n;
        }
        return names[0];
    }

    private static PieceModel model(JsonNode m, String source) {
        String type = TokenizerFiles.text(m, "type", null, "model.type", source);
        boolean byteFallback = TokenizerFiles.bool(m, "byte_fallback", false, "model.byte_fallback", source);
        if (type.equals("Unigram")) {
            JsonNode vocab = TokenizerFiles.required(m, "vocab", "model.vocab", source);
            if (!vocab.isArray()) throw TokenizerException.field(source, "model.vocab", "is not a list of [piece, score] pairs");
            String[] pieces = new String[vocab.size()];
            double[] scores = new double[vocab.size()];
            for (int i = 0; i < pieces.length; i++) {
                JsonNode e = vocab.get(i);
                if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isNumber()) {
                    throw TokenizerException.field(source, "model.vocab[" + i + "]", "is not a [piece, score] pair: " + e);
                }
                pieces[i] = e.get(0).asText();
                scores[i] = e.get(1).asDouble();
            }
            JsonNode unk = m.get("unk_id");
            int unkId = unk == null || unk.isNull() ? -1 : TokenizerFiles.integer(m, "unk_id", null, "model.unk_id", source);
            return new UnigramModel(pieces, scores, unkId, byteFallback, source);
        }
        return bpe(m, byteFallback, source);
    }

    private static PieceModel bpe(JsonNode m, boolean byteFallback, String source) {
        for (String unsupported : new String[] {"continuing_subword_prefix", "end_of_word_suffix", "dropout"}) {
            JsonNode v = m.get(unsupported);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                throw TokenizerException.field(source, "model." + unsupported, "is " + v
                        + "; bert4j's BPE reads SentencePiece-style models, which have none");
            }
        }
        if (TokenizerFiles.bool(m, "ignore_merges", false, "model.ignore_merges", source)) {
            throw TokenizerException.field(source, "model.ignore_merges", "is true, which bert4j's BPE does not support");
        }
        Map<String, Integer> v = TokenizerFiles.vocab(m, source);
        JsonNode merges = m.get("merges");
        List<String[]> list = new ArrayList<>();
        if (merges != null && !merges.isNull()) {
            if (!merges.isArray()) throw TokenizerException.field(source, "model.merges", "is not a list");
            for (int i = 0; i < merges.size(); i++) list.add(merge(merges.get(i), "model.merges[" + i + "]", source));
        }
        JsonNode unk = m.get("unk_token");
        String unkToken = unk == null || unk.isNull() ? null : TokenizerFiles.text(m, "unk_token", null, "model.unk_token", source);
        return new BpeModel(v, list, unkToken, TokenizerFiles.bool(m, "fuse_unk", false, "model.fuse_unk", source),
                byteFallback, source);
    }

    /** A merge as {@code "a b"} (split at the first space) or {@code ["a", "b"]}. */
    private static String[] merge(JsonNode n, String field, String source) {
        if (n.isTextual()) {
            String s = n.asText();
            int space = s.indexOf(' ');
            if (space < 0) throw TokenizerException.field(source, field, "is not two tokens separated by a space: '" + s + "'");
            return new String[] {s.substring(0, space), s.substring(space + 1)};
        }
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(1).isTextual()) {
            return new String[] {n.get(0).asText(), n.get(1).asText()};
        }
        throw TokenizerException.field(source, field, "is neither \"a b\" nor [\"a\", \"b\"]: " + n);
    }

    static PieceNormalizer normalizer(JsonNode n, String field, String source) {
        if (n == null || n.isNull()) return null;
        String type = TokenizerFiles.text(n, "type", null, field + ".type", source);
        return switch (type) {
            case "Sequence" -> {
                JsonNode list = TokenizerFiles.required(n, "normalizers", field + ".normalizers", source);
                List<PieceNormalizer> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) out.add(normalizer(list.get(i), field + ".normalizers[" + i + "]", source));
                yield new PieceNormalizer.Sequence(List.copyOf(out));
            }
            case "Precompiled" -> {
                String blob = TokenizerFiles.text(n, "precompiled_charsmap", null, field + ".precompiled_charsmap", source);
                try {
                    yield new PieceNormalizer.Precompiled(new PrecompiledCharsMap(Base64.getDecoder().decode(blob), source));
                } catch (IllegalArgumentException e) {
                    throw TokenizerException.field(source, field + ".precompiled_charsmap", "is not base64: " + e.getMessage());
                }
            }
            case "Replace" -> replace(n, field, source);
            case "Strip" -> new PieceNormalizer.Strip(TokenizerFiles.bool(n, "strip_left", false, field + ".strip_left", source),
                    TokenizerFiles.bool(n, "strip_right", true, field + ".strip_right", source));
            case "NFC", "NFD", "NFKC", "NFKD" -> new PieceNormalizer.Unicode(Normalizer.Form.valueOf(type));
            case "Lowercase" -> new PieceNormalizer.Lowercase();
            case "StripAccents" -> new PieceNormalizer.StripAccents();
            default -> throw TokenizerException.field(source, field + ".type", "is '" + type + "'; with a Unigram or BPE model"
                    + " bert4j reads Sequence, Precompiled, Replace, Strip, NFC, NFD, NFKC, NFKD, Lowercase and StripAccents");
        };
    }

    private static PieceNormalizer replace(JsonNode n, String field, String source) {
        JsonNode pattern = TokenizerFiles.required(n, "pattern", field + ".pattern", source);
        String content = TokenizerFiles.text(n, "content", null, field + ".content", source);
        if (pattern.has("String")) {
            String s = TokenizerFiles.text(pattern, "String", null, field + ".pattern.String", source);
            if (s.isEmpty()) throw TokenizerException.field(source, field + ".pattern.String", "is empty");
            return new PieceNormalizer.Replace(s, null, content);
        }
        String regex = TokenizerFiles.text(pattern, "Regex", null, field + ".pattern.Regex", source);
        try {
            return new PieceNormalizer.Replace(null, Pattern.compile(regex), content);
        } catch (PatternSyntaxException e) {
            throw TokenizerException.field(source, field + ".pattern.Regex", "is not a regular expression bert4j reads: "
                    + e.getDescription());
        }
    }

    static PiecePreTokenizer preTokenizer(JsonNode p, String field, String source) {
        if (p == null || p.isNull()) return null;
        String type = TokenizerFiles.text(p, "type", null, field + ".type", source);
        return switch (type) {
            case "Sequence" -> {
                JsonNode list = TokenizerFiles.required(p, "pretokenizers", field + ".pretokenizers", source);
                List<PiecePreTokenizer> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(preTokenizer(list.get(i), field + ".pretokenizers[" + i + "]", source));
                }
                yield new PiecePreTokenizer.Sequence(List.copyOf(out));
            }
            case "WhitespaceSplit" -> new PiecePreTokenizer.WhitespaceSplit();
            case "Metaspace" -> new PiecePreTokenizer.Metaspace(replacement(p, field, source), prependScheme(p, field, source),
                    TokenizerFiles.bool(p, "split", true, field + ".split", source));
            default -> throw TokenizerException.field(source, field + ".type", "is '" + type + "'; with a Unigram or BPE model"
                    + " bert4j reads Metaspace, WhitespaceSplit and Sequence");
        };
    }

    private static int replacement(JsonNode p, String field, String source) {
        String r = TokenizerFiles.text(p, "replacement", "\u2581", field + ".replacement", source);
        if (r.codePointCount(0, r.length()) != 1) {
            throw TokenizerException.field(source, field + ".replacement", "must be one character, got '" + r + "'");
        }
        return r.codePointAt(0);
    }

    /** {@code prepend_scheme}, or the older {@code add_prefix_space} (true: always, false: never). */
    private static PiecePreTokenizer.PrependScheme prependScheme(JsonNode p, String field, String source) {
        JsonNode scheme = p.get("prepend_scheme");
        if (scheme == null || scheme.isNull()) {
            return TokenizerFiles.bool(p, "add_prefix_space", true, field + ".add_prefix_space", source)
                    ? PiecePreTokenizer.PrependScheme.ALWAYS : PiecePreTokenizer.PrependScheme.NEVER;
        }
        return switch (scheme.asText()) {
            case "always" -> PiecePreTokenizer.PrependScheme.ALWAYS;
            case "first" -> PiecePreTokenizer.PrependScheme.FIRST;
            case "never" -> PiecePreTokenizer.PrependScheme.NEVER;
            default -> throw TokenizerException.field(source, field + ".prepend_scheme", "is " + scheme
                    + "; expected always, first or never");
        };
    }

    private static TokenDecoder decoder(JsonNode d, String source) {
        if (d == null || d.isNull()) return new WordPieceDecoder(null, false);
        List<ChainDecoder.Step> steps = new ArrayList<>();
        step(d, "decoder", source, steps);
        return new ChainDecoder(List.copyOf(steps));
    }

    private static void step(JsonNode d, String field, String source, List<ChainDecoder.Step> steps) {
        String type = TokenizerFiles.text(d, "type", null, field + ".type", source);
        switch (type) {
            case "Sequence" -> {
                JsonNode list = TokenizerFiles.required(d, "decoders", field + ".decoders", source);
                for (int i = 0; i < list.size(); i++) step(list.get(i), field + ".decoders[" + i + "]", source, steps);
            }
            case "Metaspace" -> steps.add(new ChainDecoder.Metaspace(replacement(d, field, source),
                    prependScheme(d, field, source) != PiecePreTokenizer.PrependScheme.NEVER));
            case "Replace" -> {
                JsonNode pattern = TokenizerFiles.required(d, "pattern", field + ".pattern", source);
                steps.add(new ChainDecoder.Replace(TokenizerFiles.text(pattern, "String", null, field + ".pattern.String", source),
                        TokenizerFiles.text(d, "content", null, field + ".content", source)));
            }
            case "ByteFallback" -> steps.add(new ChainDecoder.ByteFallback());
            case "Fuse" -> steps.add(new ChainDecoder.Fuse());
            case "Strip" -> steps.add(new ChainDecoder.Strip(TokenizerFiles.text(d, "content", " ", field + ".content", source)
                    .codePointAt(0), TokenizerFiles.integer(d, "start", 0, field + ".start", source),
                    TokenizerFiles.integer(d, "stop", 0, field + ".stop", source)));
            default -> throw TokenizerException.field(source, field + ".type", "is '" + type + "'; with a Unigram or BPE model"
                    + " bert4j reads Metaspace, Replace, ByteFallback, Fuse, Strip and Sequence");
        }
    }
}
