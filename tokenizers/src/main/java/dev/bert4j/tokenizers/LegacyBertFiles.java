package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The older BERT tokenizer files: {@code vocab.txt} (one token per line, id = line number) with
 * {@code tokenizer_config.json} and, optionally, {@code special_tokens_map.json}. Builds the same tokenizer that
 * transformers' {@code BertConverter} makes of them: {@code BertNormalizer(clean_text=true,
 * handle_chinese_chars=tokenize_chinese_chars, strip_accents, lowercase=do_lower_case)}, {@code BertPreTokenizer},
 * {@code WordPiece(unk_token, "##", 100)}, the {@code [CLS] $A [SEP] $B:1 [SEP]:1} template, and the special
 * tokens as never-split added tokens. {@code never_split} entries that are in the vocabulary become added tokens
 * too (not normalized, matched as single words).
 */
final class LegacyBertFiles {
    private LegacyBertFiles() {}

    /**
     * What both BERT forms of a model directory share: the vocabulary, the config, the special tokens (from the
     * config, then {@code special_tokens_map.json}), and the added tokens ({@code added_tokens_decoder}, then each
     * special token, given the next id after the vocabulary when it is not in it).
     */
    record Parts(Map<String, Integer> vocab, Path vocabFile, JsonNode config, String source, String unk, String sep,
                 String pad, String cls, String mask, List<AddedToken> added, Map<String, Integer> ids) {}

    static Parts parts(Path dir) {
        Path vocabFile = dir.resolve("vocab.txt");
        return parts(dir, readVocab(vocabFile), vocabFile);
    }

    /** The parts around a vocabulary read from elsewhere ({@code vocabFile}, e.g. a SentencePiece model). */
    static Parts parts(Path dir, Map<String, Integer> vocab, Path vocabFile) {
        Path configFile = dir.resolve("tokenizer_config.json");
        JsonNode config = Files.exists(configFile) ? TokenizerFiles.readTree(configFile) : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        String cfg = configFile.toString();
        Map<String, JsonNode> specials = new LinkedHashMap<>();
        for (String key : List.of("unk_token", "sep_token", "pad_token", "cls_token", "mask_token")) {
            if (config.hasNonNull(key)) specials.put(key, config.get(key));
        }
        Path mapFile = dir.resolve("special_tokens_map.json");
        if (Files.exists(mapFile)) {
            JsonNode map = TokenizerFiles.readTree(mapFile);
            for (String key : List.of("unk_token", "sep_token", "pad_token", "cls_token", "mask_token")) {
                if (map.hasNonNull(key)) specials.put(key, map.get(key));
            }
        }
        String unk = tokenText(specials.get("unk_token"), "[UNK]", "unk_token", cfg);
        String sep = tokenText(specials.get("sep_token"), "[SEP]", "sep_token", cfg);
        String pad = tokenText(specials.get("pad_token"), "[PAD]", "pad_token", cfg);
        String cls = tokenText(specials.get("cls_token"), "[CLS]", "cls_token", cfg);
        String mask = tokenText(specials.get("mask_token"), "[MASK]", "mask_token", cfg);
        Map<String, Integer> ids = new HashMap<>(vocab);
        List<AddedToken> added = addedTokensDecoder(config, cfg);
        int next = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String s : List.of(unk, sep, pad, cls, mask)) {
            if (added.stream().anyMatch(t -> t.content().equals(s))) continue;
            Integer id = ids.get(s);
            if (id == null) {
                id = next++;
                ids.put(s, id);
            }
            added.add(new AddedToken(id, s, false, false, false, false, true));
        }
        return new Parts(vocab, vocabFile, config, cfg, unk, sep, pad, cls, mask, added, ids);
    }

    private static List<AddedToken> addedTokensDecoder(JsonNode config, String cfg) {
        List<AddedToken> added = new ArrayList<>();
        JsonNode decoderMap = config.get("added_tokens_decoder");
        if (decoderMap == null || !decoderMap.isObject()) return added;
        for (Iterator<Map.Entry<String, JsonNode>> it = decoderMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = "added_tokens_decoder." + e.getKey();
            JsonNode t = e.getValue();
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw TokenizerException.field(cfg, f, "has a key that is not an integer id");
            }
            added.add(new AddedToken(id, TokenizerFiles.text(t, "content", null, f + ".content", cfg),
                    TokenizerFiles.bool(t, "single_word", false, f + ".single_word", cfg),
                    TokenizerFiles.bool(t, "lstrip", false, f + ".lstrip", cfg),
                    TokenizerFiles.bool(t, "rstrip", false, f + ".rstrip", cfg),
                    TokenizerFiles.bool(t, "normalized", false, f + ".normalized", cfg),
                    TokenizerFiles.bool(t, "special", true, f + ".special", cfg)));
        }
        return added;
    }

    static Tokenizer load(Path dir) {
        Parts p = parts(dir);
        JsonNode config = p.config();
        String cfg = p.source();
        boolean lower = TokenizerFiles.bool(config, "do_lower_case", true, "do_lower_case", cfg);
        boolean chinese = TokenizerFiles.bool(config, "tokenize_chinese_chars", true, "tokenize_chinese_chars", cfg);
        JsonNode strip = config.get("strip_accents");
        if (strip != null && !strip.isNull() && !strip.isBoolean()) {
            throw TokenizerException.field(cfg, "strip_accents", "is not true/false/null");
        }
        Boolean stripAccents = strip == null || strip.isNull() ? null : strip.booleanValue();
        BertNormalizer normalizer = new BertNormalizer(true, chinese, stripAccents, lower);
        List<AddedToken> added = new ArrayList<>(p.added());
        JsonNode neverSplit = config.get("never_split");
        if (neverSplit != null && neverSplit.isArray()) {
            for (JsonNode n : neverSplit) {
                String s = n.asText();
                Integer id = p.vocab().get(s);
                if (id != null && added.stream().noneMatch(t -> t.content().equals(s))) {
                    added.add(new AddedToken(id, s, true, false, false, false, false));
                }
            }
        }
        WordPiece model = new WordPiece(p.vocab(), p.unk(), "##", 100, p.vocabFile().toString());
        AddedVocabulary addedVocab = new AddedVocabulary(added, normalizer);
        Pipeline pipeline = new Pipeline(addedVocab, normalizer, true, model);
        return bertTokenizer(pipeline, p, model, addedVocab, new WordPieceDecoder("##", true));
    }

    /** The {@code [CLS] $A [SEP] $B:1 [SEP]:1} template and a decoder around a per-text stage. */
    static Tokenizer bertTokenizer(TextStage stage, Parts p, Vocabulary model, AddedVocabulary addedVocab,
                                   TokenDecoder decoder) {
        TemplateProcessing post = TemplateProcessing.bert(p.cls(), idOf(p.cls(), p.ids(), p.source()), p.sep(),
                idOf(p.sep(), p.ids(), p.source()));
        SpecialTokens st = TokenizerFiles.specials(p.cls(), p.sep(), p.pad(), p.mask(), p.unk(), model, addedVocab);
        OptionalInt maxLen = TokenizerFiles.modelMaxLength(p.config(), p.source());
        return new Tokenizer(stage, post, decoder, null, null, st, maxLen);
    }

    private static int idOf(String token, Map<String, Integer> ids, String source) {
        Integer id = ids.get(token);
        if (id == null) throw new TokenizerException(source + ": special token '" + token + "' has no id");
        return id;
    }

    private static Map<String, Integer> readVocab(Path file) {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(TokenizerFiles.read(file))).toString();
        } catch (CharacterCodingException e) {
            throw new TokenizerException(file + ": is not valid UTF-8 text", e);
        }
        Map<String, Integer> vocab = new HashMap<>();
        int id = 0;
        int start = 0;
        while (start < content.length()) {
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? content.length() : nl;
            vocab.put(content.substring(start, end), id++);
            start = end + 1;
        }
        if (vocab.isEmpty()) throw new TokenizerException(file + ": vocabulary is empty");
        return vocab;
    }

    /** A special token given as a string or as an AddedToken object {"content": ...}. */
    private static String tokenText(JsonNode node, String dflt, String field, String source) {
        if (node == null || node.isNull()) return dflt;
        if (node.isTextual()) return node.asText();
        if (node.isObject() && node.hasNonNull("content")) return node.get("content").asText();
        throw TokenizerException.field(source, field, "is neither a string nor an object with 'content'");
    }
}
