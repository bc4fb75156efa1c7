package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * transformers' {@code BertJapaneseTokenizer} semantics. The basic word tokenizer with WordPiece is checked against
 * Hugging Face {@code tokenizers} (through DJL) on Europarl, where the slow and fast BERT tokenizers agree; the
 * order of the Japanese steps (lowercasing, special tokens, NFKC, MeCab, sub-words) is checked on cases worked out
 * by hand from {@code tokenization_bert_japanese.py} and {@code PreTrainedTokenizer.tokenize}.
 */
class BertJapaneseTokenizerTest {
    @TempDir
    Path dir;

    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "東京", "##都",
            "に", "すむ", "バグ", "ハク", "abc", "##de", "mask", "[", "]", "m", "a", "s", "k", "東", "京", "😀", "ｶ", "カ",
            "ガ", "株式会社", "ς", "σ", "ος", "##ς", "λ", "##ογος", "λογος", "λογοσ");

    private Tokenizer japanese(String extraJson) throws IOException {
        Files.write(dir.resolve("vocab.txt"), VOCAB);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"tokenizer_class\": \"BertJapaneseTokenizer\"" + extraJson + "}");
        return Tokenizer.fromFile(dir);
    }

    private static List<String> tokens(Tokenizer t, String text) {
        Encoding e = t.encode(text);
        Invariants.check(t, e, text, null);
        return List.of(e.tokens()).subList(1, e.length() - 1);
    }

    private static List<String> covered(Tokenizer t, String text) {
        Encoding e = t.encode(text);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < e.length() - 1; i++) out.add(text.substring(e.start(i), e.end(i)));
        return out;
    }

    @Test
    void mecabWordsThenWordPieceWithOffsetsIntoTheOriginalText() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"mecab\"");
        assertThat(tokens(t, "東京都に東京")).containsExactly("東京", "##都", "に", "東京");
        // NFKC inside the word tokenizer: full-width letters become ASCII, offsets still cover the original
        assertThat(tokens(t, "ａｂｃｄｅ　に")).containsExactly("abc", "##de", "に");
        assertThat(covered(t, "ａｂｃｄｅ　に")).containsExactly("ａｂｃ", "ｄｅ", "に");
        // half-width katakana with its sound mark compose into one character covering both
        assertThat(tokens(t, "ｶﾞ")).containsExactly("ガ");
        assertThat(covered(t, "ｶﾞ")).containsExactly("ｶﾞ");
        // one character expanding into four: every piece covers the original character
        assertThat(tokens(t, "㍿")).containsExactly("株式会社");
        assertThat(covered(t, "㍿")).containsExactly("㍿");
    }

    @Test
    void specialTokensAreSplitBeforeNormalization() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"mecab\"");
        assertThat(tokens(t, "東京[MASK]に")).containsExactly("東京", "[MASK]", "に");
        // full-width brackets are not the special token: NFKC happens after the split, inside the word tokenizer
        assertThat(tokens(t, "［ＭＡＳＫ］")).containsExactly("[", "[UNK]", "]");
        assertThat(t.encode("東京[MASK]に").ids()).containsExactly(2, 20 - 15, 4, 7, 3);
    }

    @Test
    void lowercasingKeepsSpecialTokensAndNeverStripsAccents() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"mecab\", \"do_lower_case\": true");
        assertThat(tokens(t, "ABC[MASK]バグ")).containsExactly("abc", "[MASK]", "バグ");
        // the raw text is lowercased first, so "[Mask]" is no special token but three words
        assertThat(tokens(t, "[Mask]")).containsExactly("[", "mask", "]");
        // the raw text is lowercased one character at a time, so a final Σ becomes σ, not ς
        assertThat(tokens(t, "ΛΟΓΟΣ")).containsExactly("λογοσ");
        // but MeCab's words are lowercased whole: a mathematical Σ that NFKC makes a Greek one ends the word as ς
        assertThat(tokens(t, "ΛΟΓΟ\uD835\uDEBA")).containsExactly("λογος");
    }

    @Test
    void characterSubwordsAreCodePointsAfterNfkc() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"mecab\", \"subword_tokenizer_type\": \"character\"");
        assertThat(tokens(t, "東京😀ｶﾞ")).containsExactly("東", "京", "😀", "ガ");
        assertThat(covered(t, "東京😀ｶﾞ")).containsExactly("東", "京", "😀", "ｶﾞ");
        assertThat(tokens(t, "東z")).containsExactly("東", "[UNK]");
    }

    @Test
    void characterSubwordsWithoutWordTokenizerKeepSpacesAsUnknown() throws IOException {
        Tokenizer t = japanese(", \"do_word_tokenize\": false, \"subword_tokenizer_type\": \"character\"");
        assertThat(tokens(t, "東 京")).containsExactly("東", "[UNK]", "京");
    }

    @Test
    void basicWordTokenizerLowercasesAndStripsAccentsAsTransformersDoes() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"basic\", \"do_lower_case\": true");
        // BasicTokenizer strips accents when lowercasing: NFD turns バ into ハ + a combining mark, which it drops
        assertThat(tokens(t, "バグ")).containsExactly("ハク");
        assertThat(covered(t, "バグ")).containsExactly("バグ");
        assertThat(tokens(t, "ΛΟΓΟΣ")).containsExactly("λογοσ");
        Tokenizer cased = japanese(", \"word_tokenizer_type\": \"basic\"");
        assertThat(tokens(cased, "バグ abc")).containsExactly("バグ", "abc");
    }

    @Test
    void pairsTruncationAndPaddingWorkAsForTheEnglishTokenizer() throws IOException {
        Tokenizer t = japanese(", \"word_tokenizer_type\": \"mecab\"");
        Encoding e = t.encode("東京都", "すむ");
        assertThat(e.tokens()).containsExactly("[CLS]", "東京", "##都", "[SEP]", "すむ", "[SEP]");
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0, 1, 1);
        Invariants.check(t, e, "東京都", "すむ");
        Tokenizer windows = t.withTruncation(new Truncation(Truncation.Strategy.LONGEST_FIRST, 4, 1,
                Truncation.Direction.RIGHT)).withPadding(new Padding(Padding.Strategy.FIXED, 5, null,
                Padding.Direction.RIGHT, 0, 0, "[PAD]"));
        Encoding w = windows.encode("東京都に東京");
        assertThat(w.tokens()).containsExactly("[CLS]", "東京", "##都", "[SEP]", "[PAD]");
        assertThat(w.overflowing()).hasSize(2);
        assertThat(w.overflowing().get(0).tokens()).containsExactly("[CLS]", "##都", "に", "[SEP]", "[PAD]");
        Invariants.check(windows, w, "東京都に東京", null);
    }

    @Test
    void configJsonNamesTheClassWhenTheTokenizerConfigDoesNot() throws IOException {
        Files.write(dir.resolve("vocab.txt"), VOCAB);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"word_tokenizer_type\": \"mecab\"}");
        Files.writeString(dir.resolve("config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\"}");
        assertThat(tokens(Tokenizer.fromFile(dir), "東京都")).containsExactly("東京", "##都");
    }

    @Test
    void unsupportedOptionsAreRefusedNamingTheField() throws IOException {
        assertThatThrownBy(() -> japanese(", \"word_tokenizer_type\": \"sudachi\""))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("word_tokenizer_type");
        assertThatThrownBy(() -> japanese(", \"word_tokenizer_type\": \"none\""))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("do_word_tokenize");
        assertThatThrownBy(() -> japanese(", \"subword_tokenizer_type\": \"sentencepiece\""))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("sentencepiece");
        assertThatThrownBy(() -> japanese(", \"mecab_kwargs\": {\"normalize_text\": 3}"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("normalize_text");
    }

    /**
     * The basic word tokenizer with WordPiece equals BERT's tokenizer with {@code tokenize_chinese_chars} off, which
     * Hugging Face {@code tokenizers} runs: compared on Europarl lines (those already in NFC, as the basic tokenizer
     * applies NFC and the fast one does not).
     */
    @Test
    void basicWordPieceMatchesHuggingFaceTokenizersOnEuroparl() throws IOException {
        ObjectNode json = Reference.json(Corpus.MINILM);
        ((ObjectNode) json.get("normalizer")).put("handle_chinese_chars", false);
        writeVocab(json.get("model").get("vocab"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"do_lower_case\": true, \"word_tokenizer_type\": \"basic\"}");
        Tokenizer ours = Tokenizer.fromFile(dir);
        int compared = 0;
        try (Reference ref = Reference.plain(json)) {
            for (String line : Corpus.europarlLines(3000)) {
                if (!Normalizer.isNormalized(line, Normalizer.Form.NFC)) continue;
                Encoding e = ours.encode(line);
                ai.djl.huggingface.tokenizers.Encoding r = ref.reference(line, null, false);
                assertThat(e.tokens()).as(Reference.escape(line)).containsExactly(r.getTokens());
                assertThat(e.ids()).containsExactly(Reference.toInt(r.getIds()));
                Invariants.check(ours, e, line, null);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2500);
    }

    private void writeVocab(JsonNode vocab) throws IOException {
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId[e.getValue().intValue()] = e.getKey();
        }
        Files.write(dir.resolve("vocab.txt"), List.of(byId));
    }

    /**
     * {@code JumanppTokenizer.tokenize} (tokenization_bert_japanese.py): {@code unicodedata.normalize("NFKC", text)}
     * when {@code normalize_text}, then {@code text.strip()}; each morpheme lowercased with {@code do_lower_case}
     * unless in {@code never_split}; with {@code trim_whitespace} an all-whitespace morpheme is dropped and the others
     * stripped. The analyzer here answers each space as a word, as Juman++ does.
     */
    @Test
    void jumanppWordsAreNormalizedStrippedLoweredAndTrimmedAsTransformersDoes() throws IOException {
        String words = ", \"word_tokenizer_type\": \"jumanpp\", \"do_subword_tokenize\": false";
        Tokenizer plain = japanese(words);
        assertThat(tokens(plain, "\u3000ＡＢＣ  東京 Def\u3000")).containsExactly("ABC", " ", " ", "東京", " ", "Def");
        assertThat(covered(plain, "\u3000ＡＢＣ  東京 Def\u3000")).containsExactly("ＡＢＣ", " ", " ", "東京", " ", "Def");
        Tokenizer trimmed = japanese(words + ", \"jumanpp_kwargs\": {\"trim_whitespace\": true}");
        assertThat(tokens(trimmed, "ＡＢＣ  東京 Def")).containsExactly("ABC", "東京", "Def");
        Tokenizer lowered = japanese(words + ", \"do_lower_case\": true, \"never_split\": [\"Def\"],"
                + " \"jumanpp_kwargs\": {\"trim_whitespace\": true, \"normalize_text\": false}");
        // never_split does not save "Def": PreTrainedTokenizer.tokenize lowercases the text (outside special tokens)
        // before the word tokenizer sees it
        assertThat(tokens(lowered, "ＡＢＣ GHI Def")).containsExactly("ａｂｃ", "ghi", "def");
        assertThatThrownBy(() -> japanese(words + ", \"jumanpp_kwargs\": {\"rcfile\": \"x\"}"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("jumanpp_kwargs.rcfile");
    }
}
