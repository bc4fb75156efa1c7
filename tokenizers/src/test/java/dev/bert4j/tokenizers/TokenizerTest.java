package dev.bert4j.tokenizers;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public API: loading (both file forms), padding, batches, decoding, bad input. */
class TokenizerTest {
    private static Tokenizer minilm() {
        return Tokenizer.fromJson(Corpus.resource(Corpus.MINILM), "all-minilm-l6-v2-tokenizer.json");
    }

    @Test
    void fileSettingsMatchTheReferenceUsingThem() throws IOException {
        // DJL does not apply the file's padding by itself; it is given the file's settings as options.
        Path file = Files.createTempFile("minilm", ".json");
        Files.write(file, Corpus.bytes(Corpus.MINILM));
        Tokenizer ours = minilm();
        assertThat(ours.truncation()).contains(new Truncation(Truncation.Strategy.LONGEST_FIRST, 128, 0, Truncation.Direction.RIGHT));
        assertThat(ours.padding()).contains(new Padding(Padding.Strategy.FIXED, 128, null, Padding.Direction.RIGHT, 0, 0, "[PAD]"));
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(file,
                Map.of("truncation", "longest_first", "maxLength", "128", "padding", "max_length"))) {
            TextGenerator gen = new TextGenerator(5L);
            for (int i = 0; i < 200; i++) {
                String text = gen.text(120);
                Reference.assertSame(ours.encode(text), djl.encode(text, true, true), text, null, true);
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void batchPaddingMatchesTheReference() {
        ObjectNode json = Reference.json(Corpus.MINILM);
        json.putNull("truncation");
        json.putNull("padding");
        TextGenerator gen = new TextGenerator(77L);
        for (Integer multiple : new Integer[] {null, 8}) {
            Map<String, String> opts = multiple == null ? Map.of("padding", "longest", "truncation", "false")
                    : Map.of("padding", "longest", "truncation", "false", "padToMultipleOf", "8");
            try (Reference ref = Reference.of(json, opts)) {
                Tokenizer t = ref.ours.withPadding(new Padding(Padding.Strategy.LONGEST, 0, multiple, Padding.Direction.RIGHT, 0, 0, "[PAD]"));
                for (int round = 0; round < 20; round++) {
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < 16; i++) texts.add(gen.text(20));
                    List<Encoding> ours = t.encodeBatch(texts);
                    ai.djl.huggingface.tokenizers.Encoding[] theirs = ref.djl.batchEncode(texts);
                    for (int i = 0; i < texts.size(); i++) Reference.assertSame(ours.get(i), theirs[i], texts.get(i), null, false);
                }
            }
        }
    }

    @Test
    void paddingLeftAndFixed() {
        Tokenizer t = minilm().withoutTruncation()
                .withPadding(new Padding(Padding.Strategy.FIXED, 8, null, Padding.Direction.LEFT, 0, 0, "[PAD]"));
        Encoding e = t.encode("hello world");
        assertThat(e.tokens()).containsExactly("[PAD]", "[PAD]", "[PAD]", "[PAD]", "[CLS]", "hello", "world", "[SEP]");
        assertThat(e.attentionMask()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(e.specialTokensMask()).containsExactly(1, 1, 1, 1, 1, 0, 0, 1);
        assertThat(e.offsets()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 11, 0, 0);
    }

    @Test
    void parallelBatchEqualsSequentialAndKeepsOrder() throws Exception {
        Tokenizer t = minilm().withoutPadding();
        List<String> texts = Corpus.europarlSentences().subList(0, 3000);
        List<Encoding> seq = t.encodeBatch(texts);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            assertThat(t.encodeBatch(texts, pool)).isEqualTo(seq);
            List<String> pairs = new ArrayList<>(texts);
            java.util.Collections.reverse(pairs);
            assertThat(t.encodeBatch(texts, pairs, pool)).isEqualTo(t.encodeBatch(texts, pairs));
        }
    }

    @Test
    void decodeMatchesTheReference() {
        try (Reference ref = Reference.plain(Reference.json(Corpus.MINILM))) {
            TextGenerator gen = new TextGenerator(31L);
            for (int i = 0; i < 500; i++) {
                String text = gen.text(25);
                int[] ids = ref.ours.encode(text).ids();
                long[] longIds = Arrays.stream(ids).asLongStream().toArray();
                for (boolean skip : new boolean[] {true, false}) {
                    assertThat(ref.ours.decode(ids, skip)).as("decode of " + Reference.escape(text))
                            .isEqualTo(ref.djl.decode(longIds, skip));
                }
            }
        }
        Tokenizer t = minilm();
        assertThat(t.decode(t.encode("Hello, world! I don't know.").ids(), true)).isEqualTo("hello, world! i don ' t know.");
        assertThat(t.decode(new int[] {101, 7592, 102}, false)).isEqualTo("[CLS] hello [SEP]");
        assertThat(t.decode(new int[] {-5, 999_999}, false)).isEmpty();
    }

    @Test
    void vocabularyAndSpecialTokens() {
        Tokenizer t = minilm();
        assertThat(t.vocabSize()).isEqualTo(30522);
        assertThat(t.tokenToId("[CLS]")).isEqualTo(101);
        assertThat(t.tokenToId("hello")).isEqualTo(7592);
        assertThat(t.tokenToId("no-such-token")).isEqualTo(-1);
        assertThat(t.idToToken(102)).isEqualTo("[SEP]");
        assertThat(t.specialTokens()).isEqualTo(new SpecialTokens("[CLS]", 101, "[SEP]", 102, "[PAD]", 0, "[MASK]", 103, "[UNK]", 100));
        assertThat(t.numSpecialTokensToAdd(false)).isEqualTo(2);
        assertThat(t.numSpecialTokensToAdd(true)).isEqualTo(3);
        assertThat(t.modelMaxLength()).isEmpty();
    }

    @Test
    void emptyTextGivesClsSep() {
        Tokenizer t = minilm().withoutPadding();
        assertThat(t.encode("").tokens()).containsExactly("[CLS]", "[SEP]");
        assertThat(t.encode("\u0000\u200b  ").tokens()).containsExactly("[CLS]", "[SEP]");
        assertThat(t.encode("", "").tokens()).containsExactly("[CLS]", "[SEP]", "[SEP]");
    }

    @Test
    void nullTextIsAClearError() {
        Tokenizer t = minilm();
        assertThatThrownBy(() -> t.encode(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("text");
        assertThatThrownBy(() -> t.encodeBatch(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("texts");
        assertThatThrownBy(() -> t.encodeBatch(List.of("a"), List.of("b", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThatThrownBy(() -> t.withTruncation(Truncation.longestFirst(1)).encode("a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("special tokens");
    }

    @Test
    void tenMegabyteTextEncodesWithoutRecursion() {
        StringBuilder sb = new StringBuilder(10_500_000);
        List<String> sentences = Corpus.europarlSentences();
        for (int i = 0; sb.length() < 10_000_000; i++) sb.append(sentences.get(i % sentences.size())).append(' ');
        sb.append("x".repeat(200_000)); // one enormous word: a single [UNK], no quadratic matching
        String text = sb.toString();
        Encoding e = minilm().withoutTruncation().withoutPadding().encode(text);
        assertThat(e.length()).isGreaterThan(2_000_000);
        assertThat(e.tokens()[e.length() - 2]).isEqualTo("[UNK]");
        assertThat(e.start(e.length() - 2)).isEqualTo(text.length() - 200_000);
    }

    @Test
    void missingAndMalformedFilesNameFileAndField(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Tokenizer.fromFile(dir.resolve("nope.json")))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("nope.json").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Tokenizer.fromFile(dir))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("none of tokenizer.json, vocab.txt or spiece.model");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": {\"vocab\": {\"a\": 0,}}}");
        assertThatThrownBy(() -> Tokenizer.fromFile(bad))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("bad.json").hasMessageContaining("malformed JSON");
        ObjectNode json = Reference.json(Corpus.MINILM);
        ((ObjectNode) json.get("model")).remove("vocab");
        assertThatThrownBy(() -> load(json, "novocab.json"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("novocab.json").hasMessageContaining("model.vocab");
        ObjectNode json2 = Reference.json(Corpus.MINILM);
        ((ObjectNode) json2.get("model")).put("unk_token", "<unk>");
        assertThatThrownBy(() -> load(json2, "x.json")).hasMessageContaining("model.unk_token");
        ObjectNode json3 = Reference.json(Corpus.MINILM);
        ((ObjectNode) json3.get("normalizer")).put("lowercase", "yes");
        assertThatThrownBy(() -> load(json3, "x.json")).hasMessageContaining("normalizer.lowercase");
        ObjectNode json4 = Reference.json(Corpus.MINILM);
        ((ObjectNode) json4.get("truncation")).remove("max_length");
        assertThatThrownBy(() -> load(json4, "x.json")).hasMessageContaining("truncation.max_length");
        ObjectNode json5 = Reference.json(Corpus.MINILM);
        ((ObjectNode) json5.get("added_tokens").get(2)).remove("content");
        assertThatThrownBy(() -> load(json5, "x.json")).hasMessageContaining("added_tokens[2].content");
        ObjectNode json6 = Reference.json(Corpus.MINILM);
        json6.remove("model");
        assertThatThrownBy(() -> load(json6, "x.json")).hasMessageContaining("'model' is missing");
    }

    private static Tokenizer load(JsonNode json, String name) throws IOException {
        return Tokenizer.fromJson(new ByteArrayInputStream(Reference.JSON.writeValueAsBytes(json)), name);
    }

    /** Writes vocab.txt + tokenizer_config.json from the MiniLM vocabulary. */
    private static void writeLegacy(Path dir, String config) throws IOException {
        JsonNode vocab = Reference.json(Corpus.MINILM).get("model").get("vocab");
        TreeMap<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(e.getValue().intValue(), e.getKey());
        }
        Files.writeString(dir.resolve("vocab.txt"), String.join("\n", byId.values()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer_config.json"), config);
    }

    @Test
    void vocabTxtFormMatchesTheReference(@TempDir Path dir) throws IOException {
        writeLegacy(dir, "{\"do_lower_case\": true, \"model_max_length\": 1000000000000000019884624838656,"
                + " \"unk_token\": \"[UNK]\", \"cls_token\": {\"content\": \"[CLS]\"}, \"never_split\": null}");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"mask_token\": \"[MASK]\", \"sep_token\": \"[SEP]\"}");
        Tokenizer legacy = Tokenizer.fromFile(dir);
        assertThat(legacy.modelMaxLength()).isEmpty();
        assertThat(legacy.specialTokens()).isEqualTo(minilm().specialTokens());
        try (Reference ref = Reference.plain(Reference.json(Corpus.MINILM))) {
            TextGenerator gen = new TextGenerator(555L);
            for (int i = 0; i < 400; i++) ref.check(legacy, gen.text(25), i % 4 == 0 ? gen.text(10) : null, false);
        }
    }

    @Test
    void vocabTxtFormWithoutLowercase(@TempDir Path dir) throws IOException {
        writeLegacy(dir, "{\"do_lower_case\": false, \"tokenize_chinese_chars\": false, \"model_max_length\": 512}");
        Tokenizer legacy = Tokenizer.fromFile(dir.resolve("vocab.txt"));
        assertThat(legacy.modelMaxLength()).hasValue(512);
        ObjectNode json = Reference.json(Corpus.MINILM);
        ((ObjectNode) json.get("normalizer")).put("lowercase", false).put("handle_chinese_chars", false);
        try (Reference ref = Reference.plain(json)) {
            TextGenerator gen = new TextGenerator(556L);
            for (int i = 0; i < 300; i++) ref.check(legacy, gen.text(25), null, false);
        }
    }

    @Test
    void addedTokenOptionsMatchTheReference() {
        ObjectNode json = Reference.json(Corpus.MINILM);
        var added = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("added_tokens");
        added.add(token(30522, "<lstrip>", false, true, false, false, true));
        added.add(token(30523, "<rstrip>", false, false, true, false, false));
        added.add(token(30524, "word", true, false, false, false, false));
        added.add(token(30525, "Normed Tok", false, false, false, true, false));
        added.add(token(30526, "<lst", false, false, false, false, false));
        try (Reference ref = Reference.plain(json)) {
            TextGenerator gen = new TextGenerator(8L);
            String[] bits = {"<lstrip>", "<rstrip>", "word", "words", "NORMED TOK", "normed tok", "<lst", " ", "  ", "x", "[MASK]", "é", "\u00a0"};
            for (int i = 0; i < 500; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = gen.random().nextInt(10); k >= 0; k--) {
                    sb.append(gen.random().nextInt(3) == 0 ? gen.text(2) : bits[gen.random().nextInt(bits.length)]);
                }
                ref.check(ref.ours, sb.toString(), null, false);
            }
        }
    }

    private static ObjectNode token(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
                                    boolean normalized, boolean special) {
        return Reference.JSON.createObjectNode().put("id", id).put("content", content).put("single_word", singleWord)
                .put("lstrip", lstrip).put("rstrip", rstrip).put("normalized", normalized).put("special", special);
    }
}
