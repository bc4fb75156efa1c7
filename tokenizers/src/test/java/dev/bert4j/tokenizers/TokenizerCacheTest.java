package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled tokenizer cache: a tokenizer read back from it encodes exactly as the one read from the JSON, and a
 * damaged, stale or unwritable cache never changes an encoding or raises an error.
 */
class TokenizerCacheTest {
    @TempDir
    Path model;
    @TempDir
    Path cacheHome;

    private Path modelWith(String resource) throws IOException {
        Files.write(model.resolve("tokenizer.json"), Corpus.bytes(resource));
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"model_max_length\": 384, \"do_lower_case\": true}");
        return model;
    }

    private Path onlyEntry(TokenizerCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.folder())) {
            List<Path> all = files.toList();
            assertThat(all).as("cache entries").hasSize(1);
            return all.get(0);
        }
    }

    /** The tokenizer read back from the cache entry, failing if the entry is not usable. */
    private Tokenizer fromEntry(TokenizerCache cache) throws IOException {
        byte[] json = Files.readAllBytes(model.resolve("tokenizer.json"));
        byte[] config = Files.readAllBytes(model.resolve("tokenizer_config.json"));
        Tokenizer t = TokenizerCache.readEntry(onlyEntry(cache), SourceKey.of(json, config), "test");
        assertThat(t).as("usable cache entry").isNotNull();
        return t;
    }

    private static List<String> texts(int europarlStep) {
        List<String> out = new ArrayList<>();
        List<String> sentences = Corpus.europarlSentences();
        for (int i = 0; i < sentences.size(); i += europarlStep) out.add(sentences.get(i));
        TextGenerator gen = new TextGenerator(777L);
        for (int i = 0; i < 300; i++) out.add(gen.text(30));
        out.add("");
        out.add("[CLS] a [MASK] in [SEP] raw [PAD] [UNK] text");
        return out;
    }

    private static void assertSameEncodings(Tokenizer expected, Tokenizer actual, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            String a = texts.get(i);
            String b = i % 3 == 0 ? texts.get((i * 7) % texts.size()) : null;
            assertThat(actual.encode(a, b)).as("encoding of %s / %s", Reference.escape(a), b).isEqualTo(expected.encode(a, b));
        }
        assertThat(actual.vocabSize()).isEqualTo(expected.vocabSize());
        assertThat(actual.specialTokens()).isEqualTo(expected.specialTokens());
        assertThat(actual.modelMaxLength()).isEqualTo(expected.modelMaxLength());
        assertThat(actual.truncation()).isEqualTo(expected.truncation());
        assertThat(actual.padding()).isEqualTo(expected.padding());
        int[] ids = expected.encode(texts.get(0)).ids();
        assertThat(actual.decode(ids, true)).isEqualTo(expected.decode(ids, true));
        for (int id = 0; id < expected.vocabSize() + 3; id += 97) {
            assertThat(actual.idToToken(id)).isEqualTo(expected.idToToken(id));
            String token = expected.idToToken(id);
            if (token != null) assertThat(actual.tokenToId(token)).isEqualTo(expected.tokenToId(token));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Corpus.MINILM, Corpus.BGE})
    void cachedTokenizerEncodesAsTheJsonOneOnEuroparlAndGeneratedText(String resource) throws IOException {
        Path dir = modelWith(resource);
        TokenizerCache cache = TokenizerCache.in(cacheHome);
        Tokenizer json = Tokenizer.fromFile(dir);
        Tokenizer first = Tokenizer.fromFile(dir, cache);
        Tokenizer cached = fromEntry(cache);
        assertThat(cached.modelMaxLength()).hasValue(384);
        List<String> texts = texts(10);
        assertSameEncodings(json, first, texts);
        assertSameEncodings(json, cached, texts);
        assertSameEncodings(json, Tokenizer.fromFile(dir.resolve("tokenizer.json"), cache), texts);
    }

    @Test
    void truncatedOrFlippedEntriesAreNeverUsedAndAreRewritten() throws IOException {
        Path dir = modelWith(Corpus.MINILM);
        TokenizerCache cache = TokenizerCache.in(cacheHome);
        Tokenizer json = Tokenizer.fromFile(dir);
        Tokenizer.fromFile(dir, cache);
        Path entry = onlyEntry(cache);
        byte[] good = Files.readAllBytes(entry);
        List<String> texts = texts(400);
        byte[] json0 = Files.readAllBytes(dir.resolve("tokenizer.json"));
        SourceKey key = SourceKey.of(json0, Files.readAllBytes(dir.resolve("tokenizer_config.json")));
        int step = good.length / 61 + 1;
        for (int cut = 0; cut < good.length; cut += step) {
            Files.write(entry, java.util.Arrays.copyOf(good, cut));
            assertThat(TokenizerCache.readEntry(entry, key, "test")).as("entry cut at %d", cut).isNull();
        }
        for (int at = 0; at < good.length; at += step) {
            byte[] bad = good.clone();
            bad[at] ^= (byte) (1 << (at % 8));
            Files.write(entry, bad);
            assertThat(TokenizerCache.readEntry(entry, key, "test")).as("entry with byte %d flipped", at).isNull();
        }
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 0x10;
        Files.write(entry, bad);
        assertSameEncodings(json, Tokenizer.fromFile(dir, cache), texts);
        assertThat(Files.readAllBytes(onlyEntry(cache))).as("damaged entry written again").isEqualTo(good);
    }

    @Test
    void anEntryOfOtherFilesIsNotUsedEvenUnderTheRightName() throws IOException {
        Path dir = modelWith(Corpus.MINILM);
        TokenizerCache cache = TokenizerCache.in(cacheHome);
        Tokenizer.fromFile(dir, cache);
        byte[] json = Files.readAllBytes(dir.resolve("tokenizer.json"));
        SourceKey other = SourceKey.of(json, null);
        assertThat(TokenizerCache.readEntry(onlyEntry(cache), other, "test")).isNull();
    }

    @Test
    void aChangedTokenizerJsonGetsItsOwnEntry() throws IOException {
        Path dir = modelWith(Corpus.MINILM);
        TokenizerCache cache = TokenizerCache.in(cacheHome);
        Tokenizer original = Tokenizer.fromFile(dir, cache);
        Path oldEntry = onlyEntry(cache);
        ObjectNode changed = Reference.json(Corpus.MINILM);
        ((ObjectNode) changed.get("normalizer")).put("lowercase", false).put("strip_accents", false);
        Files.write(dir.resolve("tokenizer.json"), Reference.JSON.writeValueAsBytes(changed));
        Tokenizer json = Tokenizer.fromFile(dir);
        Tokenizer viaCache = Tokenizer.fromFile(dir, cache);
        assertThat(viaCache.encode("Héllo World")).isEqualTo(json.encode("Héllo World"))
                .isNotEqualTo(original.encode("Héllo World"));
        assertSameEncodings(json, viaCache, texts(400));
        try (Stream<Path> files = Files.list(cache.folder())) {
            assertThat(files.toList()).hasSize(2).contains(oldEntry);
        }
        assertSameEncodings(json, Tokenizer.fromFile(dir, cache), texts(400));
    }

    @Test
    void anUnwritableCacheFolderStillLoads() throws IOException {
        Path dir = modelWith(Corpus.MINILM);
        Path blocked = cacheHome.resolve("blocked");
        Files.writeString(blocked, "a file where the cache folder would be");
        TokenizerCache cache = TokenizerCache.in(blocked);
        Tokenizer json = Tokenizer.fromFile(dir);
        assertSameEncodings(json, Tokenizer.fromFile(dir, cache), texts(400));
        assertThat(Files.isRegularFile(blocked)).isTrue();
        try (Stream<Path> files = Files.list(cacheHome)) {
            assertThat(files.toList()).containsExactly(blocked);
        }
    }

    @Test
    void theModelDirectoryIsNeverWrittenAndOtherModelsAreNotCached() throws IOException {
        Path dir = modelWith(Corpus.MINILM);
        TokenizerCache cache = TokenizerCache.in(cacheHome);
        Tokenizer.fromFile(dir, cache);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("tokenizer.json", "tokenizer_config.json");
        }
        Path other = cacheHome.resolve("unigram");
        Files.createDirectories(other);
        Files.writeString(other.resolve("tokenizer.json"), """
                {"model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["▁a", -1.0], ["a", -2.0]]},
                 "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true}}
                """);
        TokenizerCache second = TokenizerCache.in(cacheHome.resolve("second"));
        assertThat(Tokenizer.fromFile(other, second).encode("a a").ids()).isNotEmpty();
        assertThat(Files.exists(second.folder())).isFalse();
    }

    @Test
    void theJsonKeptInTheEntryIsTheFileWithAnEmptyVocabulary() throws IOException {
        byte[] json = """
                {"model": {"vocab": {"a": 0, "b": {"x": [1, "}"]}}, "unk_token": "[UNK]", "vocab": {"c": 1}},
                 "vocab": {"top": 1}, "other": {"model": {"vocab": {"kept": 2}}}}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode cut = JsonTrees.read(CompiledTokenizer.withoutVocab(json));
        ObjectNode expected = (ObjectNode) JsonTrees.read(json);
        ((ObjectNode) expected.get("model")).set("vocab", Reference.JSON.createObjectNode());
        assertThat(cut).isEqualTo(expected);
    }
}
