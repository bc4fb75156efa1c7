package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tokenizer.json} files with {@code Unigram} and {@code BPE} models, made by our {@link SentencePieceConverter}
 * from models {@code spm_train} trains here (plain, with byte fallback, with user-defined and control pieces), and
 * variants of them (prepend schemes, no split, WhitespaceSplit before Metaspace, NFKC, merges as strings, the Albert
 * and DeBERTa-v2 styles): Hugging Face {@code tokenizers} (through DJL) and bert4j load the same file and must give
 * the same ids, tokens, offsets, word ids and decoded text on Japanese and English sentences and adversarial texts.
 */
class SentencePieceJsonParityTest {
    @TempDir
    static Path dir;
    static List<String> texts;

    @BeforeAll
    static void corpus() throws IOException {
        List<String> ja = SentencePieceTest.japaneseSentences();
        List<String> europarl = Corpus.europarlLines(3500);
        List<String> train = new ArrayList<>(ja.subList(0, 6000));
        train.addAll(europarl.subList(0, 1500));
        Files.write(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
        texts = new ArrayList<>(ja.subList(6000, 8000));
        texts.addAll(europarl.subList(1500, 2500));
        texts.addAll(adversarial());
    }

    static List<String> adversarial() {
        return List.of("", " ", "   ", "\t\n", "\u3000", "\u3000\u3000全角\u3000スペース\u3000", "  先頭と末尾の空白  ",
                "ＡＢＣＤ１２３４ａｂｃ", "ｶﾀｶﾅﾊﾝｶｸｶﾞｷﾞｸﾞ", "絵文字😀を含む🎉文章👍", "👨‍👩‍👧‍👦 family", "🇯🇵 flag",
                "𠮷野家で𩸽を食べた", "龘靐齉鱻麤", "x  y   z", "tab\there", "①②③ ⅠⅡⅢ ㍿ ﬁ", "か\u3099き\u3099",
                "e\u0301 a\u0300\u0301 Ünïcödé", "1,000,000 and 3.14", "a".repeat(300), "日本語".repeat(200),
                "▁already▁escaped", "<unk> <s> </s>", "[CLS] inside[MASK]words [SEP]", "x[MASK]y", "ザ\u200Bゼロ幅",
                "\u0000\u0001 control", "Ω ω ß ẞ İ ı", "ｈｅｌｌｏ　ｗｏｒｌｄ", "ﾃｽﾄ！？", "تجربة", "שלום", "ภาษาไทย");
    }

    private static Path train(String name, String... options) {
        Path model = dir.resolve(name + ".model");
        if (Files.exists(model)) return model;
        List<String> cmd = new ArrayList<>(List.of("spm_train", "--input=" + dir.resolve("train.txt"),
                "--model_prefix=" + dir.resolve(name), "--vocab_size=3000", "--character_coverage=0.995", "--minloglevel=2"));
        cmd.addAll(List.of(options));
        SentencePieceTest.run(null, cmd.toArray(String[]::new));
        return model;
    }

    private static ObjectNode converted(Path model) {
        return SentencePieceConverter.convert(model, SentencePieceConverter.Options.spm());
    }

    private static void compareAll(JsonNode json) {
        try (Reference ref = Reference.plain(json)) {
            for (String text : texts) {
                Encoding e = ref.check(ref.ours, text, null, false);
                assertThat(ref.ours.decode(e.ids(), false)).as("decoded %s", Reference.escape(text))
                        .isEqualTo(ref.djl.decode(toLong(e.ids()), false));
            }
            for (int i = 0; i + 1 < 200; i += 2) ref.check(ref.ours, texts.get(i), texts.get(texts.size() - 1 - i), false);
        }
    }

    private static long[] toLong(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = ids[i];
        return out;
    }

    @Test
    void unigram() {
        compareAll(converted(train("unigram", "--model_type=unigram")));
    }

    @Test
    void bpe() {
        compareAll(converted(train("bpe", "--model_type=bpe")));
    }

    @Test
    void unigramWithByteFallbackAndUserDefinedAndControlPieces() {
        ObjectNode json = converted(train("unigram-bytes", "--model_type=unigram", "--byte_fallback=true",
                "--user_defined_symbols=[MASK],東京", "--control_symbols=[CLS],[SEP]"));
        assertThat(json.at("/model/byte_fallback").asBoolean()).isTrue();
        compareAll(json);
    }

    @Test
    void bpeWithByteFallbackAndMergesAsStrings() {
        ObjectNode json = converted(train("bpe-bytes", "--model_type=bpe", "--byte_fallback=true"));
        ArrayNode merges = (ArrayNode) json.at("/model/merges");
        ArrayNode strings = merges.arrayNode();
        merges.forEach(m -> strings.add(m.get(0).asText() + " " + m.get(1).asText()));
        ((ObjectNode) json.get("model")).set("merges", strings);
        compareAll(json);
    }

    @Test
    void metaspaceVariants() {
        ObjectNode base = converted(train("unigram", "--model_type=unigram"));
        for (String scheme : new String[] {"first", "never"}) {
            for (boolean split : new boolean[] {true, false}) {
                ObjectNode json = base.deepCopy();
                ((ObjectNode) json.get("pre_tokenizer")).put("prepend_scheme", scheme).put("split", split);
                ((ObjectNode) json.get("decoder")).put("prepend_scheme", scheme).put("split", split);
                addMask(json);
                compareAll(json);
            }
        }
        ObjectNode seq = base.deepCopy();
        ObjectNode pre = seq.putObject("pre_tokenizer").put("type", "Sequence");
        pre.putArray("pretokenizers").add(seq.objectNode().put("type", "WhitespaceSplit")).add(base.get("pre_tokenizer"));
        compareAll(seq);
    }

    @Test
    void unicodeAndLowercaseNormalizers() {
        ObjectNode json = converted(train("unigram", "--model_type=unigram"));
        ArrayNode list = (ArrayNode) json.at("/normalizer/normalizers");
        list.insert(0, json.objectNode().put("type", "NFKC"));
        list.insert(1, json.objectNode().put("type", "Lowercase"));
        compareAll(json);
    }

    @Test
    void albertAndDebertaStylesWithBertTemplate() {
        Path model = train("unigram-bert", "--model_type=unigram", "--control_symbols=[CLS],[SEP],[MASK]",
                "--pad_id=0", "--unk_id=1", "--bos_id=-1", "--eos_id=-1", "--pad_piece=<pad>");
        for (SentencePieceConverter.Options o : List.of(
                new SentencePieceConverter.Options(SentencePieceConverter.Style.ALBERT, true, false),
                new SentencePieceConverter.Options(SentencePieceConverter.Style.DEBERTA_V2, false, false))) {
            ObjectNode json = SentencePieceConverter.convert(model, o);
            compareAll(json);
            Tokenizer t = Tokenizer.fromJson(new java.io.ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)), "t");
            assertThat(t.specialTokens().cls()).isEqualTo("[CLS]");
            assertThat(t.specialTokens().mask()).isEqualTo("[MASK]");
            assertThat(t.specialTokens().pad()).isEqualTo("<pad>");
        }
    }

    /** [MASK] as a normalized added token, so it is also found inside words after normalization. */
    private static void addMask(ObjectNode json) {
        ((ArrayNode) json.get("added_tokens")).addObject().put("id", 3000).put("content", "[MASK]").put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
    }

    @Test
    void directoryWithOnlySpieceModelLoadsAsItsConversion() throws IOException {
        Path d = Files.createDirectories(dir.resolve("spiece-dir"));
        Files.copy(train("unigram", "--model_type=unigram"), d.resolve("spiece.model"));
        Tokenizer t = Tokenizer.fromFile(d);
        try (Reference ref = Reference.plain(converted(d.resolve("spiece.model")))) {
            for (String text : texts.subList(0, 500)) Reference.assertSame(t.encode(text), ref.reference(text, null, false), text, null, false);
        }
        Files.writeString(d.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"T5Tokenizer\"}");
        assertThatThrownBy(() -> Tokenizer.fromFile(d)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("T5Tokenizer").hasMessageContaining("tokenizer_config.json");
    }

    @Test
    void unsupportedPartsAreRefusedNamingTheField() {
        ObjectNode json = converted(train("unigram", "--model_type=unigram"));
        json.putObject("pre_tokenizer").put("type", "ByteLevel");
        assertThatThrownBy(() -> Tokenizer.fromJson(new java.io.ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)),
                "x.json")).isInstanceOf(TokenizerException.class).hasMessageContaining("pre_tokenizer.type")
                .hasMessageContaining("ByteLevel");
    }
}
