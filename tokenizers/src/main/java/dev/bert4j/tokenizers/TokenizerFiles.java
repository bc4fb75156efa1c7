package dev.bert4j.tokenizers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Reads {@code tokenizer.json} and locates the files of a model directory. */
final class TokenizerFiles {
    /** transformers writes {@code int(1e30)} when a tokenizer has no maximum length. */
    private static final double UNSET_MAX_LENGTH = 1e20;
    /**
     * The largest tokenizer file read (tokenizer.json, vocab.txt and the JSON side files): 64 MiB, several times
     * the largest real ones (a 250,000-token vocabulary is about 17 MB), so a hostile or mislinked file fails
     * at once instead of filling memory.
     */
    static final long MAX_FILE_BYTES = 64L << 20;

    private TokenizerFiles() {}

    static Tokenizer load(Path path) {
        return load(path, null);
    }

    /** @param cache where WordPiece {@code tokenizer.json} files are compiled to and read back from; null for none */
    static Tokenizer load(Path path, TokenizerCache cache) {
        if (path == null) throw new IllegalArgumentException("tokenizer path must not be null");
        if (Files.isDirectory(path)) {
            if (BertJapaneseFiles.CLASS_NAME.equals(tokenizerClass(path))) return BertJapaneseFiles.load(path);
            Path json = path.resolve("tokenizer.json");
            if (Files.exists(json)) return cache == null ? fromJsonFile(json) : cache.load(json);
            if (Files.exists(path.resolve("vocab.txt"))) return LegacyBertFiles.load(path);
            if (Files.exists(path.resolve("spiece.model"))) return SentencePieceDirectory.load(path, tokenizerClass(path));
            throw new TokenizerException(path + ": directory has none of tokenizer.json, vocab.txt or spiece.model");
        }
        if (!Files.exists(path)) {
            throw new TokenizerException(path + ": tokenizer file does not exist");
        }
        if (path.getFileName().toString().equals("vocab.txt")) return LegacyBertFiles.load(path.getParent());
        return cache == null ? fromJsonFile(path) : cache.load(path);
    }

    /**
     * The {@code tokenizer_class} of a model directory, as transformers' {@code AutoTokenizer} finds it: from
     * {@code tokenizer_config.json}, else from {@code config.json}; null when neither names one.
     */
    static String tokenizerClass(Path dir) {
        for (String name : new String[] {"tokenizer_config.json", "config.json"}) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) continue;
            JsonNode c = readTree(file).get("tokenizer_class");
            if (c != null && c.isTextual()) return c.asText();
        }
        return null;
    }

    private static Tokenizer fromJsonFile(Path json) {
        Path config = configBeside(json);
        return fromJsonBytes(read(json), json, config == null ? null : read(config), config);
    }

    /** The {@code tokenizer_config.json} in the folder of {@code json}, or null when there is none. */
    static Path configBeside(Path json) {
        Path dir = json.toAbsolutePath().getParent();
        Path config = dir == null ? null : dir.resolve("tokenizer_config.json");
        return config != null && Files.exists(config) ? config : null;
    }

    /** A {@code tokenizer.json} read as {@code json}, with its directory's {@code tokenizer_config.json} (null: none). */
    static Tokenizer fromJsonBytes(byte[] json, Path jsonFile, byte[] config, Path configFile) {
        OptionalInt maxLen = config == null ? OptionalInt.empty()
                : modelMaxLength(parse(config, configFile.toString()), configFile.toString());
        return fromTree(parse(json, jsonFile.toString()), jsonFile.toString(), maxLen, null);
    }

    static JsonNode readTree(Path file) {
        return parse(read(file), file.toString());
    }

    /** The bytes of {@code file}: a regular file of at most {@link #MAX_FILE_BYTES}, checked before reading. */
    static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) throw new TokenizerException(file + ": is not a regular file");
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw tooLarge(file.toString());
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString());
            }
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** At most {@link #MAX_FILE_BYTES} of {@code in}; a longer (or endless) stream is refused once it passes the limit. */
    private static byte[] read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) throw tooLarge(source);
        return bytes;
    }

    private static TokenizerException tooLarge(String source) {
        return new TokenizerException(source + ": is more than " + (MAX_FILE_BYTES >> 20)
                + " MiB, far beyond any real tokenizer file; is it the right file?");
    }

    /** The JSON object in {@code bytes}; any Jackson failure becomes a one-line {@link TokenizerException}. */
    static JsonNode parse(byte[] bytes, String source) {
        try {
            JsonNode root = JsonTrees.read(bytes);
            if (root == null || !root.isObject()) throw new TokenizerException(source + ": is not a JSON object");
            return root;
        } catch (StreamConstraintsException e) {
            String reason = e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            throw new TokenizerException(source + ": refused: " + reason, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TokenizerException(source + ": malformed JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new TokenizerException(source + ": is not readable JSON: " + e.getMessage(), e);
        }
    }

    static OptionalInt modelMaxLength(JsonNode config, String source) {
        JsonNode m = config.get("model_max_length");
        if (m == null || m.isNull()) return OptionalInt.empty();
        if (!m.isNumber()) throw TokenizerException.field(source, "model_max_length", "is not a number");
        double v = m.asDouble();
        if (v >= UNSET_MAX_LENGTH) return OptionalInt.empty();
        if (v < 0 || v > Integer.MAX_VALUE) throw TokenizerException.field(source, "model_max_length", "is out of range: " + m);
        return OptionalInt.of((int) v);
    }

    static Tokenizer fromJson(InputStream in, String source, OptionalInt modelMaxLength) {
        if (in == null) throw new TokenizerException(source + ": no input (resource or file not found)");
        try {
            return fromTree(parse(read(in, source), source), source, modelMaxLength, null);
        } catch (IOException e) {
            throw new TokenizerException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @param compiled the vocabulary already compiled (then {@code model.vocab} is not read), or null */
    static Tokenizer fromTree(JsonNode root, String source, OptionalInt modelMaxLength, CompiledVocab compiled) {
        JsonNode type = required(root, "model", source).get("type");
        if (type != null && (type.asText().equals("Unigram") || type.asText().equals("BPE"))) {
            return PieceJsonFiles.fromTree(root, source, modelMaxLength);
        }
        WordPiece model = model(required(root, "model", source), source, compiled);
        BertNormalizer normalizer = normalizer(root.get("normalizer"), source);
        boolean bertPre = preTokenizer(root.get("pre_tokenizer"), source);
        List<AddedToken> addedTokens = addedTokens(root.get("added_tokens"), source);
        AddedVocabulary added = new AddedVocabulary(AddedVocabulary.assignIds(addedTokens, model), normalizer);
        TemplateProcessing post = postProcessor(root.get("post_processor"), source);
        WordPieceDecoder decoder = decoder(root.get("decoder"), source);
        Truncation truncation = truncation(root.get("truncation"), source);
        Padding padding = padding(root.get("padding"), source);
        Pipeline pipeline = new Pipeline(added, normalizer, bertPre, model);
        SpecialTokens specials = specials(post, model, added, padding);
        return new Tokenizer(pipeline, post, decoder, truncation, padding, specials, modelMaxLength);
    }

    private static WordPiece model(JsonNode m, String source, CompiledVocab compiled) {
        String type = text(m, "type", "WordPiece", "model.type", source);
        if (!type.equals("WordPiece")) {
            throw TokenizerException.field(source, "model.type", "is '" + type + "'; bert4j reads WordPiece, Unigram and BPE");
        }
        Map<String, Integer> v = compiled == null ? vocab(m, source) : null;    // vocabulary errors first, as before
        String unk = text(m, "unk_token", "[UNK]", "model.unk_token", source);
        String prefix = text(m, "continuing_subword_prefix", "##", "model.continuing_subword_prefix", source);
        int maxChars = integer(m, "max_input_chars_per_word", 100, "model.max_input_chars_per_word", source);
        if (maxChars < 0) throw TokenizerException.field(source, "model.max_input_chars_per_word", "must be 0 or more, got " + maxChars);
        return compiled == null ? new WordPiece(v, unk, prefix, maxChars, source)
                : new WordPiece(compiled.idToToken(), compiled.vocabSize(), compiled.trie(), unk, prefix, maxChars, source);
    }

    /** {@code model.vocab} as token to id, every id an integer (WordPiece and BPE files). */
    static Map<String, Integer> vocab(JsonNode m, String source) {
        JsonNode vocab = required(m, "vocab", "model.vocab", source);
        if (!vocab.isObject()) throw TokenizerException.field(source, "model.vocab", "is not an object of token: id");
        Map<String, Integer> v = new HashMap<>(vocab.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) {
                throw TokenizerException.field(source, "model.vocab", "has a non-integer id for '" + e.getKey() + "'");
            }
            v.put(e.getKey(), e.getValue().intValue());
        }
        return v;
    }

    private static BertNormalizer normalizer(JsonNode n, String source) {
        if (n == null || n.isNull()) return null;
        String type = text(n, "type", null, "normalizer.type", source);
        if (!type.equals("BertNormalizer")) {
            throw TokenizerException.field(source, "normalizer.type", "is '" + type + "'; only BertNormalizer is supported");
        }
        JsonNode strip = n.get("strip_accents");
        Boolean stripAccents = null;
        if (strip != null && !strip.isNull()) {
            if (!strip.isBoolean()) throw TokenizerException.field(source, "normalizer.strip_accents", "is not true/false/null");
            stripAccents = strip.booleanValue();
        }
        return new BertNormalizer(bool(n, "clean_text", true, "normalizer.clean_text", source),
                bool(n, "handle_chinese_chars", true, "normalizer.handle_chinese_chars", source),
                stripAccents, bool(n, "lowercase", true, "normalizer.lowercase", source));
    }

    private static boolean preTokenizer(JsonNode p, String source) {
        if (p == null || p.isNull()) return false;
        String type = text(p, "type", null, "pre_tokenizer.type", source);
        if (!type.equals("BertPreTokenizer")) {
            throw TokenizerException.field(source, "pre_tokenizer.type", "is '" + type + "'; only BertPreTokenizer is supported");
        }
        return true;
    }

    static List<AddedToken> addedTokens(JsonNode a, String source) {
        List<AddedToken> out = new ArrayList<>();
        if (a == null || a.isNull()) return out;
        if (!a.isArray()) throw TokenizerException.field(source, "added_tokens", "is not an array");
        for (int i = 0; i < a.size(); i++) {
            JsonNode t = a.get(i);
            String f = "added_tokens[" + i + "]";
            out.add(new AddedToken(integer(t, "id", null, f + ".id", source), text(t, "content", null, f + ".content", source),
                    bool(t, "single_word", false, f + ".single_word", source), bool(t, "lstrip", false, f + ".lstrip", source),
                    bool(t, "rstrip", false, f + ".rstrip", source), bool(t, "normalized", true, f + ".normalized", source),
                    bool(t, "special", false, f + ".special", source)));
        }
        return out;
    }

    static TemplateProcessing postProcessor(JsonNode p, String source) {
        if (p == null || p.isNull()) {
            return new TemplateProcessing(List.of(new TemplateProcessing.Piece(false, 0, null, null, 0)),
                    List.of(new TemplateProcessing.Piece(false, 0, null, null, 0), new TemplateProcessing.Piece(false, 1, null, null, 1)));
        }
        String type = text(p, "type", null, "post_processor.type", source);
        switch (type) {
            case "BertProcessing" -> {
                JsonNode cls = required(p, "cls", "post_processor.cls", source);
                JsonNode sep = required(p, "sep", "post_processor.sep", source);
                if (!cls.isArray() || cls.size() != 2 || !sep.isArray() || sep.size() != 2) {
                    throw TokenizerException.field(source, "post_processor.cls/sep", "must be [token, id] pairs");
                }
                return TemplateProcessing.bert(cls.get(0).asText(), cls.get(1).asInt(), sep.get(0).asText(), sep.get(1).asInt());
            }
            case "TemplateProcessing" -> {
                Map<String, TemplateProcessing.Piece> specials = new LinkedHashMap<>();
                JsonNode st = required(p, "special_tokens", "post_processor.special_tokens", source);
                for (Iterator<Map.Entry<String, JsonNode>> it = st.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String f = "post_processor.special_tokens." + e.getKey();
                    JsonNode ids = required(e.getValue(), "ids", f + ".ids", source);
                    JsonNode toks = required(e.getValue(), "tokens", f + ".tokens", source);
                    if (!ids.isArray() || !toks.isArray() || ids.size() != toks.size()) {
                        throw TokenizerException.field(source, f, "needs arrays 'ids' and 'tokens' of equal length");
                    }
                    int[] idArr = new int[ids.size()];
                    String[] tokArr = new String[toks.size()];
                    for (int i = 0; i < idArr.length; i++) {
                        idArr[i] = ids.get(i).asInt();
                        tokArr[i] = toks.get(i).asText();
                    }
                    specials.put(e.getKey(), new TemplateProcessing.Piece(true, -1, idArr, tokArr, 0));
                }
                return new TemplateProcessing(template(p, "single", specials, source), template(p, "pair", specials, source));
            }
            default -> throw TokenizerException.field(source, "post_processor.type",
                    "is '" + type + "'; only TemplateProcessing and BertProcessing are supported");
        }
    }

    private static List<TemplateProcessing.Piece> template(JsonNode p, String name, Map<String, TemplateProcessing.Piece> specials,
                                                           String source) {
        JsonNode arr = required(p, name, "post_processor." + name, source);
        if (!arr.isArray()) throw TokenizerException.field(source, "post_processor." + name, "is not an array of pieces");
        List<TemplateProcessing.Piece> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String f = "post_processor." + name + "[" + i + "]";
            JsonNode piece = arr.get(i);
            if (piece.has("SpecialToken")) {
                JsonNode s = piece.get("SpecialToken");
                out.add(TemplateProcessing.specialPiece(specials, text(s, "id", null, f + ".SpecialToken.id", source),
                        integer(s, "type_id", 0, f + ".SpecialToken.type_id", source), source));
            } else if (piece.has("Sequence")) {
                JsonNode s = piece.get("Sequence");
                String id = text(s, "id", null, f + ".Sequence.id", source);
                if (!id.equals("A") && !id.equals("B")) throw TokenizerException.field(source, f + ".Sequence.id", "must be A or B");
                out.add(new TemplateProcessing.Piece(false, id.equals("A") ? 0 : 1, null, null,
                        integer(s, "type_id", 0, f + ".Sequence.type_id", source)));
            } else {
                throw TokenizerException.field(source, f, "is neither a SpecialToken nor a Sequence");
            }
        }
        return out;
    }

    private static WordPieceDecoder decoder(JsonNode d, String source) {
        if (d == null || d.isNull()) return new WordPieceDecoder(null, false);
        String type = text(d, "type", null, "decoder.type", source);
        if (!type.equals("WordPiece")) {
            throw TokenizerException.field(source, "decoder.type", "is '" + type + "'; only WordPiece is supported");
        }
        return new WordPieceDecoder(text(d, "prefix", "##", "decoder.prefix", source), bool(d, "cleanup", true, "decoder.cleanup", source));
    }

    static Truncation truncation(JsonNode t, String source) {
        if (t == null || t.isNull()) return null;
        String s = text(t, "strategy", "LongestFirst", "truncation.strategy", source);
        Truncation.Strategy strategy = switch (s) {
            case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> throw TokenizerException.field(source, "truncation.strategy", "is '" + s + "'; expected LongestFirst, OnlyFirst or OnlySecond");
        };
        String d = text(t, "direction", "Right", "truncation.direction", source);
        Truncation.Direction dir = switch (d) {
            case "Right" -> Truncation.Direction.RIGHT;
            case "Left" -> Truncation.Direction.LEFT;
            default -> throw TokenizerException.field(source, "truncation.direction", "is '" + d + "'; expected Right or Left");
        };
        int max = integer(t, "max_length", null, "truncation.max_length", source);
        int stride = integer(t, "stride", 0, "truncation.stride", source);
        if (max < 0 || stride < 0) throw TokenizerException.field(source, "truncation", "has a negative max_length or stride");
        return new Truncation(strategy, max, stride, dir);
    }

    static Padding padding(JsonNode p, String source) {
        if (p == null || p.isNull()) return null;
        JsonNode s = required(p, "strategy", "padding.strategy", source);
        Padding.Strategy strategy;
        int length = 0;
        if (s.isTextual() && s.asText().equals("BatchLongest")) {
            strategy = Padding.Strategy.LONGEST;
        } else if (s.isObject() && s.has("Fixed") && s.get("Fixed").canConvertToInt()) {
            strategy = Padding.Strategy.FIXED;
            length = s.get("Fixed").intValue();
        } else {
            throw TokenizerException.field(source, "padding.strategy", "is " + s + "; expected \"BatchLongest\" or {\"Fixed\": n}");
        }
        String d = text(p, "direction", "Right", "padding.direction", source);
        Padding.Direction dir = switch (d) {
            case "Right" -> Padding.Direction.RIGHT;
            case "Left" -> Padding.Direction.LEFT;
            default -> throw TokenizerException.field(source, "padding.direction", "is '" + d + "'; expected Right or Left");
        };
        JsonNode m = p.get("pad_to_multiple_of");
        Integer multiple = m == null || m.isNull() || m.asInt() == 0 ? null : m.asInt();
        try {
            return new Padding(strategy, length, multiple, dir, integer(p, "pad_id", 0, "padding.pad_id", source),
                    integer(p, "pad_type_id", 0, "padding.pad_type_id", source), text(p, "pad_token", "[PAD]", "padding.pad_token", source));
        } catch (IllegalArgumentException e) {
            throw TokenizerException.field(source, "padding", e.getMessage());
        }
    }

    static SpecialTokens specials(TemplateProcessing post, Vocabulary model, AddedVocabulary added, Padding padding) {
        String cls = null;
        String sep = null;
        for (TemplateProcessing.Piece p : post.singleTemplate()) {
            if (p.special() && p.tokens().length > 0) {
                if (cls == null) cls = p.tokens()[0];
                sep = p.tokens()[p.tokens().length - 1];
            }
        }
        String pad = padding != null ? padding.padToken() : "[PAD]";
        return specials(cls, sep, pad, "[MASK]", model.unkToken(), model, added);
    }

    static SpecialTokens specials(String cls, String sep, String pad, String mask, String unk, Vocabulary model, AddedVocabulary added) {
        return new SpecialTokens(present(cls, model, added), id(cls, model, added), present(sep, model, added), id(sep, model, added),
                present(pad, model, added), id(pad, model, added), present(mask, model, added), id(mask, model, added),
                present(unk, model, added), id(unk, model, added));
    }

    private static String present(String token, Vocabulary model, AddedVocabulary added) {
        return id(token, model, added) < 0 ? null : token;
    }

    private static int id(String token, Vocabulary model, AddedVocabulary added) {
        if (token == null) return -1;
        AddedToken t = added.byContent(token);
        return t != null ? t.id() : model.tokenToId(token);
    }

    static JsonNode required(JsonNode node, String name, String source) {
        return required(node, name, name, source);
    }

    static JsonNode required(JsonNode node, String name, String field, String source) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw TokenizerException.field(source, field, "is missing");
        return v;
    }

    static String text(JsonNode node, String name, String dflt, String field, String source) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (dflt == null) throw TokenizerException.field(source, field, "is missing");
            return dflt;
        }
        if (!v.isTextual()) throw TokenizerException.field(source, field, "is not a string: " + v);
        return v.asText();
    }

    static boolean bool(JsonNode node, String name, boolean dflt, String field, String source) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw TokenizerException.field(source, field, "is not true/false: " + v);
        return v.booleanValue();
    }

    static int integer(JsonNode node, String name, Integer dflt, String field, String source) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (dflt == null) throw TokenizerException.field(source, field, "is missing");
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw TokenizerException.field(source, field, "is not an integer: " + v);
        return v.intValue();
    }
}
