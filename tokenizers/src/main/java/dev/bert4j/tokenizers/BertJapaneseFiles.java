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
 * {@code do_subword_tokenize}, {@code word_tokenizer_type} basic (default), mecab or jumanpp,
 * {@code subword_tokenizer_type} wordpiece (default), character or sentencepiece, {@code never_split},
 * {@code mecab_kwargs}, {@code jumanpp_kwargs}, {@code spm_file}). With sentencepiece the ids are the SentencePiece
 * model's ({@code spm_file}, default {@code spiece.model}) and {@code vocab.txt} is not read, as in transformers.
 * MeCab and Juman++ come from a {@link WordSegmenterProvider} on the class path ({@code bert4j-japanese}).
 */
final class BertJapaneseFiles {
    static final String CLASS_NAME = "BertJapaneseTokenizer";

    private BertJapaneseFiles() {}

    static Tokenizer load(Path dir) {
        LegacyBertFiles.Parts p = parts(dir);
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
        JapanesePipeline.SubwordMode subwordMode = subwordMode(c, cfg);
        AddedVocabulary added = new AddedVocabulary(p.added(), (BertNormalizer) null);
        JapanesePipeline.Vocab vocab;
        TokenDecoder decoder;
        if (sentencePieceVocab(c, cfg)) {
            SentencePieceModel spm = SentencePieceModel.fromFile(p.vocabFile());
            vocab = new JapanesePipeline.Vocab(null, new JapaneseSentencePiece(spm, added, p.unk()));
            decoder = new ChainDecoder(List.of(new ChainDecoder.Metaspace('\u2581', true)));
        } else {
            vocab = new JapanesePipeline.Vocab(new WordPiece(p.vocab(), p.unk(), "##", 100, p.vocabFile().toString()), null);
            decoder = new WordPieceDecoder("##", true);
        }
        JapanesePipeline stage = new JapanesePipeline(added, vocab, lower, exempt, neverSplit, wordOptions(c, cfg),
                subwordMode);
        return LegacyBertFiles.bertTokenizer(stage, p, vocab.ids(), added, decoder);
    }

    /**
     * {@code vocab.txt}, or with {@code "subword_tokenizer_type": "sentencepiece"} the pieces of {@code spm_file} as
     * {@code get_vocab} lists them ({@code IdToPiece(i): i}), so special tokens missing from it get the ids after it.
     */
    private static LegacyBertFiles.Parts parts(Path dir) {
        Path configFile = dir.resolve("tokenizer_config.json");
        if (!java.nio.file.Files.exists(configFile)) return LegacyBertFiles.parts(dir);
        JsonNode c = TokenizerFiles.readTree(configFile);
        String cfg = configFile.toString();
        if (!sentencePieceVocab(c, cfg)) return LegacyBertFiles.parts(dir);
        Path spm = dir.resolve(TokenizerFiles.text(c, "spm_file", "spiece.model", "spm_file", cfg));
        if (!java.nio.file.Files.isRegularFile(spm)) {
            throw TokenizerException.field(cfg, "subword_tokenizer_type", "is 'sentencepiece', but the SentencePiece"
                    + " model " + spm + " is missing (set \"spm_file\" or put spiece.model beside the config)");
        }
        SentencePieceModel model = SentencePieceModel.fromFile(spm);
        Map<String, Integer> pieces = new HashMap<>(model.vocabSize() * 2);
        for (int i = 0; i < model.vocabSize(); i++) pieces.put(model.idToPiece(i), i);
        return LegacyBertFiles.parts(dir, pieces, spm);
    }

    /** transformers reads the SentencePiece model for its ids whenever the type is sentencepiece, sub-words on or off. */
    private static boolean sentencePieceVocab(JsonNode c, String cfg) {
        return "sentencepiece".equals(TokenizerFiles.text(c, "subword_tokenizer_type", "wordpiece", "subword_tokenizer_type", cfg));
    }

    /** The word tokenizer with its options: {@code mecab_kwargs} for MeCab, {@code jumanpp_kwargs} for Juman++. */
    private static JapanesePipeline.WordOptions wordOptions(JsonNode c, String cfg) {
        JapanesePipeline.WordMode mode = wordMode(c, cfg);
        if (mode == JapanesePipeline.WordMode.JUMANPP) {
            Map<String, String> kw = kwargs(c.get("jumanpp_kwargs"), "jumanpp_kwargs", cfg);
            boolean normalize = flag(kw, "normalize_text", true, "jumanpp_kwargs", cfg);
            boolean trim = flag(kw, "trim_whitespace", false, "jumanpp_kwargs", cfg);
            if (!kw.isEmpty()) {
                throw TokenizerException.field(cfg, "jumanpp_kwargs." + kw.keySet().iterator().next(), "is not an"
                        + " option of transformers' JumanppTokenizer (normalize_text, trim_whitespace)");
            }
            return new JapanesePipeline.WordOptions(mode, segmenter("jumanpp", kw, cfg), normalize, trim);
        }
        Map<String, String> kw = kwargs(c.get("mecab_kwargs"), "mecab_kwargs", cfg);
        boolean normalize = flag(kw, "normalize_text", true, "mecab_kwargs", cfg);
        WordSegmenter segmenter = mode == JapanesePipeline.WordMode.MECAB ? segmenter("mecab", kw, cfg) : null;
        return new JapanesePipeline.WordOptions(mode, segmenter, normalize, false);
    }

    private static JapanesePipeline.WordMode wordMode(JsonNode c, String cfg) {
        if (!TokenizerFiles.bool(c, "do_word_tokenize", true, "do_word_tokenize", cfg)) return JapanesePipeline.WordMode.NONE;
        String type = TokenizerFiles.text(c, "word_tokenizer_type", "basic", "word_tokenizer_type", cfg);
        return switch (type) {
            case "basic" -> JapanesePipeline.WordMode.BASIC;
            case "mecab" -> JapanesePipeline.WordMode.MECAB;
            case "jumanpp" -> JapanesePipeline.WordMode.JUMANPP;
            case "sudachi" -> throw TokenizerException.field(cfg, "word_tokenizer_type", "is '" + type
                    + "', which bert4j does not run; mecab, jumanpp and basic are supported, and \"do_word_tokenize\": false"
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
            case "sentencepiece" -> JapanesePipeline.SubwordMode.SENTENCEPIECE;
            default -> throw TokenizerException.field(cfg, "subword_tokenizer_type", "is '" + type
                    + "'; transformers accepts wordpiece, character or sentencepiece (use \"do_subword_tokenize\": false for none)");
        };
    }

    private static WordSegmenter segmenter(String type, Map<String, String> options, String cfg) {
        for (WordSegmenterProvider provider : ServiceLoader.load(WordSegmenterProvider.class)) {
            if (provider.wordTokenizerType().equals(type)) return provider.open(options, cfg);
        }
        throw TokenizerException.field(cfg, "word_tokenizer_type", "is '" + type + "', but no " + ("mecab".equals(type)
                ? "MeCab" : "Juman++ runner") + " is on the class path: add the dev.bert4j:bert4j-japanese module (the"
                + " bert4j command line has it)");
    }

    /** A true/false option of {@code kwargs}, taken out of the options the analyzer sees. */
    private static boolean flag(Map<String, String> kwargs, String key, boolean dflt, String field, String cfg) {
        String v = kwargs.remove(key);
        if (v == null) return dflt;
        if (!v.equals("true") && !v.equals("false")) {
            throw TokenizerException.field(cfg, field + "." + key, "is not true/false: " + v);
        }
        return v.equals("true");
    }

    private static Map<String, String> kwargs(JsonNode node, String field, String cfg) {
        Map<String, String> out = new HashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) throw TokenizerException.field(cfg, field, "is not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) throw TokenizerException.field(cfg, field + "." + e.getKey(), "is not a single value");
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
