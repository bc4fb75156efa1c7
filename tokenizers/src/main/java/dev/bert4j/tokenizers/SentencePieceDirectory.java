package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A model directory with {@code spiece.model} and no {@code tokenizer.json}: converted as transformers converts it
 * when it makes the fast tokenizer, by the {@code tokenizer_class} of {@code tokenizer_config.json}: none (plain
 * {@code SpmConverter}), {@code AlbertTokenizer} or {@code DebertaV2Tokenizer} (with their {@code [CLS]}/{@code [SEP]}
 * template, {@code do_lower_case} and {@code keep_accents}). Other classes are refused naming them.
 */
final class SentencePieceDirectory {
    private SentencePieceDirectory() {}

    static Tokenizer load(Path dir, String tokenizerClass) {
        Path config = dir.resolve("tokenizer_config.json");
        JsonNode c = Files.exists(config) ? TokenizerFiles.readTree(config) : JsonNodeFactory.instance.objectNode();
        String cfg = config.toString();
        SentencePieceConverter.Options options = options(c, cfg, tokenizerClass);
        Path model = dir.resolve("spiece.model");
        JsonNode json = SentencePieceConverter.convert(model, options);
        OptionalInt maxLen = TokenizerFiles.modelMaxLength(c, cfg);
        return TokenizerFiles.fromTree(json, model + " (converted to tokenizer.json)", maxLen, null);
    }

    private static SentencePieceConverter.Options options(JsonNode c, String cfg, String tokenizerClass) {
        String cls = tokenizerClass == null ? "" : tokenizerClass.replaceFirst("Fast$", "");
        return switch (cls) {
            case "" -> SentencePieceConverter.Options.spm();
            case "AlbertTokenizer" -> new SentencePieceConverter.Options(SentencePieceConverter.Style.ALBERT,
                    TokenizerFiles.bool(c, "do_lower_case", true, "do_lower_case", cfg),
                    TokenizerFiles.bool(c, "keep_accents", false, "keep_accents", cfg));
            case "DebertaV2Tokenizer" -> {
                if (TokenizerFiles.bool(c, "split_by_punct", false, "split_by_punct", cfg)) {
                    throw TokenizerException.field(cfg, "split_by_punct", "is true, which bert4j's DeBERTa-v2 conversion does not do");
                }
                yield new SentencePieceConverter.Options(SentencePieceConverter.Style.DEBERTA_V2,
                        TokenizerFiles.bool(c, "do_lower_case", false, "do_lower_case", cfg), false);
            }
            default -> throw TokenizerException.field(cfg, "tokenizer_class", "is '" + tokenizerClass + "'; with spiece.model"
                    + " and no tokenizer.json bert4j converts AlbertTokenizer, DebertaV2Tokenizer and BertJapaneseTokenizer"
                    + " (subword_tokenizer_type sentencepiece), or a directory without tokenizer_class; save the tokenizer"
                    + " with transformers to get a tokenizer.json");
        };
    }
}
