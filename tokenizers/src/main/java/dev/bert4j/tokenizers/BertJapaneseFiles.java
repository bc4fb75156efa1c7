package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A model directory whose {@code tokenizer_config.json} (or {@code config.json}) names
 * {@code "tokenizer_class": "BertJapaneseTokenizer"}: {@code vocab.txt} with the options of transformers'
 * {@code BertJapaneseTokenizer} ({@code do_lower_case} (default false), {@code do_word_tokenize},
 * {@code do_subword_tokenize}, {@code word_tokenizer_type} basic (default) or mecab, {@code subword_tokenizer_type}
 * wordpiece (default) or character, {@code never_split}, {@code mecab_kwargs}). MeCab comes from a
 * {@link WordSegmenterProvider} on the class path ({@code bert4j-japanese}).
 */
final class BertJapaneseFiles {
    static final String CLASS_NAME = "BertJapaneseTokenizer";

    private BertJapaneseFiles() {}

    static Tokenizer load(Path dir) {
        LegacyBertFiles.Parts p = LegacyBertFiles.parts(dir);
        JsonNode c = p.config();
        String cfg = p.source();
        boolean lower = TokenizerFiles.bool(c, "do_lower_case", false, "do_lower_case", cfg);
        Set<String> neverSplit = new LinkedHashSet<>(strings(c.get("never_split"), "never_split", cfg));
        List<String> specials = List.of(p.unk(), p.sep(), p.pad(), p.cls(), p.mask());
        List<String> exempt = new ArrayList<>(specials);
        for (AddedToken t : p.added()) {
            if (t.special() && !exempt.contains(t.content())) exempt.add(t.content());
        }
        neverSplit.addAll(exempt);
        for (AddedToken t : p.added()) {
            if (!t.special() && t.normalized()) exempt.add(t.content());
        }
        Map<String, String> mecabKwargs = kwargs(c.get("mecab_kwargs"), cfg);
        boolean normalizeText = normalizeText(mecabKwargs, cfg);
        JapanesePipeline.WordMode wordMode = wordMode(c, cfg);
        WordSegmenter segmenter = wordMode == JapanesePipeline.WordMode.MECAB ? segmenter("mecab", mecabKwargs, cfg) : null;
        WordPiece model = new WordPiece(p.vocab(), p.unk(), "##", 100, p.vocabFile().toString());
        AddedVocabulary added = new AddedVocabulary(p.added(), (BertNormalizer) null);
        JapanesePipeline stage = new JapanesePipeline(added, model, lower, exempt, neverSplit, wordMode, segmenter,
                normalizeText, subwordMode(c, cfg));
        return LegacyBertFiles.bertTokenizer(stage, p, model, added);
    }

    private static JapanesePipeline.WordMode wordMode(JsonNode c, String cfg) {
        if (!TokenizerFiles.bool(c, "do_word_tokenize", true, "do_word_tokenize", cfg)) return JapanesePipeline.WordMode.NONE;
        String type = TokenizerFiles.text(c, "word_tokenizer_type", "basic", "word_tokenizer_type", cfg);
        return switch (type) {
            case "basic" -> JapanesePipeline.WordMode.BASIC;
            case "mecab" -> JapanesePipeline.WordMode.MECAB;
            case "sudachi", "jumanpp" -> throw TokenizerException.field(cfg, "word_tokenizer_type", "is '" + type
                    + "', which bert4j does not run; mecab and basic are supported, and \"do_word_tokenize\": false"
                    + " takes text that is already split into words");
            default -> throw TokenizerException.field(cfg, "word_tokenizer_type", "is '" + type
                    + "'; transformers accepts basic, mecab, sudachi or jumanpp (use \"do_word_tokenize\": false for none)");
        };
    }

    private static JapanesePipeline.SubwordMode subwordMode(JsonNode c, String cfg) {
        if (!TokenizerFiles.bool(c, "do_subword_tokenize", true, "do_subword_tokenize", cfg)) {
            return JapanesePipeline.SubwordMode.NONE;
        }
        String type = TokenizerFiles.text(c, "subword_tokenizer_type", "wordpiece", "subword_tokenizer_type", cfg);
        return switch (type) {
            case "wordpiece" -> JapanesePipeline.SubwordMode.WORDPIECE;
            case "character" -> JapanesePipeline.SubwordMode.CHARACTER;
            case "sentencepiece" -> throw TokenizerException.field(cfg, "subword_tokenizer_type",
                    "is 'sentencepiece', which bert4j does not read yet; wordpiece and character are supported");
            default -> throw TokenizerException.field(cfg, "subword_tokenizer_type", "is '" + type
                    + "'; transformers accepts wordpiece, character or sentencepiece (use \"do_subword_tokenize\": false for none)");
        };
    }

    private static WordSegmenter segmenter(String type, Map<String, String> options, String cfg) {
        for (WordSegmenterProvider provider : ServiceLoader.load(WordSegmenterProvider.class)) {
            if (provider.wordTokenizerType().equals(type)) return provider.open(options, cfg);
        }
        throw TokenizerException.field(cfg, "word_tokenizer_type", "is '" + type + "', but no MeCab is on the class path:"
                + " add the dev.bert4j:bert4j-japanese module (the bert4j command line has it)");
    }

    /** {@code normalize_text} of {@code mecab_kwargs} (default true), taken out of the options MeCab sees. */
    private static boolean normalizeText(Map<String, String> kwargs, String cfg) {
        String v = kwargs.remove("normalize_text");
        if (v == null) return true;
        if (!v.equals("true") && !v.equals("false")) {
            throw TokenizerException.field(cfg, "mecab_kwargs.normalize_text", "is not true/false: " + v);
        }
        return v.equals("true");
    }

    private static Map<String, String> kwargs(JsonNode node, String cfg) {
        Map<String, String> out = new HashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) throw TokenizerException.field(cfg, "mecab_kwargs", "is not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) throw TokenizerException.field(cfg, "mecab_kwargs." + e.getKey(), "is not a single value");
            out.put(e.getKey(), v.isNull() ? null : v.asText());
        }
        return out;
    }

    private static List<String> strings(JsonNode node, String field, String cfg) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw TokenizerException.field(cfg, field, "is not a list of strings");
        for (JsonNode n : node) {
            if (!n.isTextual()) throw TokenizerException.field(cfg, field, "holds a value that is not a string: " + n);
            out.add(n.asText());
        }
        return out;
    }
}
