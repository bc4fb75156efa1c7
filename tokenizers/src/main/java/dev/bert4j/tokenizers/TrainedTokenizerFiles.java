package dev.bert4j.tokenizers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The files of a trained vocabulary, in the shape transformers' {@code BertTokenizerFast} saves: {@code vocab.txt},
 * a {@code tokenizer.json} (BertNormalizer, BertPreTokenizer, WordPiece, the {@code [CLS] $A [SEP] $B:1 [SEP]:1}
 * template, the WordPiece decoder, the special tokens as added tokens), {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}.
 */
final class TrainedTokenizerFiles {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final int MAX_INPUT_CHARS_PER_WORD = 100;
    private static final List<String> ROLES = List.of("unk_token", "sep_token", "pad_token", "cls_token", "mask_token");
    private static final List<String> ROLE_TOKENS = List.of(WordPieceTrainer.UNK, WordPieceTrainer.SEP,
            WordPieceTrainer.PAD, WordPieceTrainer.CLS, WordPieceTrainer.MASK);

    private TrainedTokenizerFiles() {}

    static void write(TrainedVocabulary v, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TokenizerException(dir + ": cannot create the output directory: " + e.getMessage(), e);
        }
        writeAtomically(dir, "vocab.txt", String.join("\n", v.tokens()) + "\n");
        writeAtomically(dir, "tokenizer.json", tokenizerJson(v));
        writeAtomically(dir, "tokenizer_config.json", pretty(tokenizerConfig(v)));
        writeAtomically(dir, "special_tokens_map.json", pretty(specialTokensMap(v)));
    }

    static String tokenizerJson(TrainedVocabulary v) {
        WordPieceTrainer o = v.options();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : o.specialTokens()) {
            added.addObject().put("id", v.tokens().indexOf(s)).put("content", s).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        ObjectNode normalizer = root.putObject("normalizer").put("type", "BertNormalizer")
                .put("clean_text", o.cleanText()).put("handle_chinese_chars", o.handleChineseChars());
        putNullable(normalizer, "strip_accents", o.stripAccents());
        normalizer.put("lowercase", o.lowercase());
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        root.set("post_processor", template(v));
        root.putObject("decoder").put("type", "WordPiece").put("prefix", o.wordpiecesPrefix()).put("cleanup", true);
        ObjectNode model = root.putObject("model").put("type", "WordPiece").put("unk_token", WordPieceTrainer.UNK)
                .put("continuing_subword_prefix", o.wordpiecesPrefix())
                .put("max_input_chars_per_word", MAX_INPUT_CHARS_PER_WORD);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < v.size(); id++) vocab.put(v.tokens().get(id), id);
        return pretty(root);
    }

    private static ObjectNode template(TrainedVocabulary v) {
        ObjectNode post = JSON.createObjectNode().put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, WordPieceTrainer.CLS, 0);
        sequence(single, "A", 0);
        special(single, WordPieceTrainer.SEP, 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, WordPieceTrainer.CLS, 0);
        sequence(pair, "A", 0);
        special(pair, WordPieceTrainer.SEP, 0);
        sequence(pair, "B", 1);
        special(pair, WordPieceTrainer.SEP, 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String t : List.of(WordPieceTrainer.CLS, WordPieceTrainer.SEP)) {
            ObjectNode s = specials.putObject(t).put("id", t);
            s.putArray("ids").add(v.tokens().indexOf(t));
            s.putArray("tokens").add(t);
        }
        return post;
    }

    private static void special(ArrayNode pieces, String token, int typeId) {
        pieces.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode pieces, String id, int typeId) {
        pieces.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }

    private static ObjectNode tokenizerConfig(TrainedVocabulary v) {
        WordPieceTrainer o = v.options();
        ObjectNode c = JSON.createObjectNode();
        c.put("tokenizer_class", "BertTokenizer");
        c.put("do_lower_case", o.lowercase());
        c.put("tokenize_chinese_chars", o.handleChineseChars());
        putNullable(c, "strip_accents", o.stripAccents());
        c.put("clean_up_tokenization_spaces", true);
        c.setAll(specialTokensMap(v));
        return c;
    }

    private static ObjectNode specialTokensMap(TrainedVocabulary v) {
        List<String> specials = v.options().specialTokens();
        ObjectNode m = JSON.createObjectNode();
        for (int i = 0; i < ROLES.size(); i++) {
            if (specials.contains(ROLE_TOKENS.get(i))) m.put(ROLES.get(i), ROLE_TOKENS.get(i));
        }
        List<String> others = specials.stream().filter(s -> !ROLE_TOKENS.contains(s)).toList();
        if (!others.isEmpty()) {
            ArrayNode a = m.putArray("additional_special_tokens");
            others.forEach(a::add);
        }
        return m;
    }

    private static void putNullable(ObjectNode node, String field, Boolean value) {
        if (value == null) node.putNull(field);
        else node.put(field, value);
    }

    private static String pretty(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize tokenizer JSON", e);
        }
    }

    private static void writeAtomically(Path dir, String name, String content) {
        Path target = dir.resolve(name);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
            throw new TokenizerException(target + ": cannot write: " + e.getMessage(), e);
        }
    }
}
