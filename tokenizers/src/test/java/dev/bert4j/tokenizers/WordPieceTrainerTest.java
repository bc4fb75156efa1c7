package dev.bert4j.tokenizers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vocabulary training on tiny corpora worked out by hand: merge order, ties, limits and bad input. */
class WordPieceTrainerTest {
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    private static final List<String> ALPHABET = List.of("b", "g", "h", "n", "p", "s", "u");
    /** "##c" forms in the order the sorted words (bun, hug, hugs, pug, pun) first show them. */
    private static final List<String> CONTINUING = List.of("##u", "##n", "##g", "##s");

    /**
     * hug ×10, pug ×5, pun ×12, bun ×4, hugs ×5. Ids: specials 0-4, b5 g6 h7 n8 p9 s10 u11, ##u12 ##n13 ##g14
     * ##s15. Initial pairs: ##u ##g 20, p ##u 17, ##u ##n 16, h ##u 15, ##g ##s 5, b ##u 4. Then, by hand:
     * <ol>
     *   <li>(##u, ##g) 20 → ##ug (16); p ##u drops to 12, h ##u to 0, ##g ##s to 0; h ##ug 15, ##ug ##s 5, p ##ug 5</li>
     *   <li>(##u, ##n) 16 → ##un (17); p ##u 0, b ##u 0; p ##un 12, b ##un 4</li>
     *   <li>(h, ##ug) 15 → hug (18); ##ug ##s 0, hug ##s 5</li>
     *   <li>(p, ##un) 12 → pun (19)</li>
     *   <li>(p, ##ug) 5 → pug (20): ties with (hug, ##s) 5 and wins on the lower pair of ids (9, 16) &lt; (18, 15)</li>
     *   <li>(hug, ##s) 5 → hugs (21)</li>
     *   <li>(b, ##un) 4 → bun (22); nothing left with a count above 0</li>
     * </ol>
     */
    private static List<String> hugCorpus() {
        List<String> texts = new ArrayList<>();
        texts.addAll(Collections.nCopies(10, "hug"));
        texts.addAll(Collections.nCopies(5, "Pug"));
        texts.add("pun pun pun pun pun pun  pun pun\tpun pun pun pun");
        texts.addAll(Collections.nCopies(4, "bun"));
        texts.addAll(Collections.nCopies(5, "HUGS"));
        Collections.shuffle(texts, new java.util.Random(3));
        return texts;
    }

    private static List<String> expected(String... merged) {
        List<String> v = new ArrayList<>(SPECIALS);
        v.addAll(ALPHABET);
        v.addAll(CONTINUING);
        v.addAll(List.of("##ug", "##un", "hug", "pun", "pug", "hugs", "bun").subList(0, merged.length));
        assertThat(v.subList(v.size() - merged.length, v.size())).containsExactly(merged);
        return v;
    }

    private static TrainedVocabulary train(WordPieceTrainer.Builder b, List<String> texts) {
        return b.build().train(texts.iterator());
    }

    @Test
    void mergesInTheHandWorkedOrder() {
        TrainedVocabulary v = train(WordPieceTrainer.builder().minFrequency(1), hugCorpus());
        assertThat(v.tokens()).containsExactlyElementsOf(
                expected("##ug", "##un", "hug", "pun", "pug", "hugs", "bun"));
        assertThat(v.summary()).isEqualTo(new TrainingSummary(23, 25, 36, 5, 7, 7));
    }

    @Test
    void minFrequencyStopsAtTheFirstRarerPair() {
        // the default min_frequency 2 keeps bun (4); 5 stops before bun, 6 before pug and hugs (5 each)
        assertThat(train(WordPieceTrainer.builder(), hugCorpus()).size()).isEqualTo(23);
        assertThat(train(WordPieceTrainer.builder().minFrequency(5), hugCorpus()).tokens())
                .containsExactlyElementsOf(expected("##ug", "##un", "hug", "pun", "pug", "hugs"));
        assertThat(train(WordPieceTrainer.builder().minFrequency(6), hugCorpus()).tokens())
                .containsExactlyElementsOf(expected("##ug", "##un", "hug", "pun"));
    }

    @Test
    void vocabSizeStopsTheMerges() {
        TrainedVocabulary v = train(WordPieceTrainer.builder().vocabSize(19), hugCorpus());
        assertThat(v.tokens()).containsExactlyElementsOf(expected("##ug", "##un", "hug"));
        assertThat(v.summary().merges()).isEqualTo(3);
        assertThat(train(WordPieceTrainer.builder().vocabSize(16), hugCorpus()).size()).isEqualTo(16);
    }

    @Test
    void vocabSizeBelowTheStartingVocabularyNamesTheMinimum() {
        assertThatThrownBy(() -> train(WordPieceTrainer.builder().vocabSize(15), hugCorpus()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocab size 15 is too small")
                .hasMessageContaining("at least 16")
                .hasMessageContaining("5 special tokens, 7 alphabet characters, 4 continuing '##' forms");
    }

    @Test
    void specialTokensComeFirstInTheGivenOrder() {
        List<String> specials = List.of("[CLS]", "[SEP]", "[UNK]", "<extra>", "[MASK]");
        TrainedVocabulary v = train(WordPieceTrainer.builder().specialTokens(specials), hugCorpus());
        assertThat(v.tokens().subList(0, 5)).containsExactlyElementsOf(specials);
        assertThat(v.tokens().subList(5, 12)).containsExactlyElementsOf(ALPHABET);
        Tokenizer t = v.tokenizer();
        assertThat(t.encode("hugs pun").tokens()).containsExactly("[CLS]", "hugs", "pun", "[SEP]");
        assertThat(t.encode("[MASK]").ids()).containsExactly(0, 4, 1);
    }

    @Test
    void limitAlphabetDropsTheRarestCharactersFromTheWords() {
        List<String> texts = new ArrayList<>(hugCorpus());
        texts.add("hux xu zu"); // x twice, z once: with 8 characters allowed z goes, with 7 x goes too
        TrainedVocabulary v8 = train(WordPieceTrainer.builder().limitAlphabet(8).minFrequency(1), texts);
        assertThat(v8.tokens()).contains("x", "##x").doesNotContain("z", "##z");
        assertThat(v8.summary().alphabetSize()).isEqualTo(8);
        TrainedVocabulary v7 = train(WordPieceTrainer.builder().limitAlphabet(7).minFrequency(1), texts);
        assertThat(v7.tokens().subList(5, 12)).containsExactlyElementsOf(ALPHABET);
        assertThat(v7.tokens()).noneMatch(t -> t.contains("x") || t.contains("z"));
        // zu and xu lose their first character, so their u continues (as in Hugging Face): ##u gains 2, u nothing
        assertThat(v7.tokenizer().encode("hux").tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
    }

    @Test
    void limitAlphabetBreaksCountTiesByCodePointAndKeepsTheInitialAlphabet() {
        // a, b, c once each; limit 2 keeps the smaller code points
        TrainedVocabulary v = train(WordPieceTrainer.builder().limitAlphabet(2), List.of("c b a"));
        assertThat(v.tokens().subList(5, v.size())).containsExactly("a", "b");
        TrainedVocabulary withInitial = train(WordPieceTrainer.builder().limitAlphabet(2).initialAlphabet("q"),
                List.of("c b a"));
        assertThat(withInitial.tokens().subList(5, withInitial.size())).containsExactly("a", "q");
    }

    @Test
    void normalizesAndPreTokenizesLikeTheTokenizer() {
        TrainedVocabulary lower = train(WordPieceTrainer.builder().minFrequency(1), List.of("Café, CAFÉ! 中文"));
        assertThat(lower.tokens()).contains("cafe", ",", "!", "中", "文").doesNotContain("é", "C");
        TrainedVocabulary cased = train(WordPieceTrainer.builder().minFrequency(1).lowercase(false),
                List.of("Café CAFÉ"));
        assertThat(cased.tokens()).contains("Café", "CAFÉ");
        TrainedVocabulary stripped = train(WordPieceTrainer.builder().minFrequency(1).lowercase(false)
                .stripAccents(true), List.of("Café CAFÉ"));
        assertThat(stripped.tokens()).contains("Cafe", "CAFE").doesNotContain("é");
    }

    @Test
    void trainsFromFilesAndWritesLoadableFiles(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        List<String> texts = hugCorpus();
        Files.write(a, texts.subList(0, 10));
        Files.write(b, texts.subList(10, texts.size()));
        TrainedVocabulary v = WordPieceTrainer.builder().minFrequency(1).build().train(List.of(a, b));
        assertThat(v.tokens()).containsExactlyElementsOf(expected("##ug", "##un", "hug", "pun", "pug", "hugs", "bun"));
        Path out = dir.resolve("out/tok");
        v.writeTo(out);
        v.writeTo(out); // replacing works too
        assertThat(Files.readAllLines(out.resolve("vocab.txt"))).containsExactlyElementsOf(v.tokens());
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
        }
        var config = TokenizerFiles.readTree(out.resolve("tokenizer_config.json"));
        assertThat(config.get("tokenizer_class").asText()).isEqualTo("BertTokenizer");
        assertThat(config.get("do_lower_case").asBoolean()).isTrue();
        assertThat(config.get("mask_token").asText()).isEqualTo("[MASK]");
        assertThat(TokenizerFiles.readTree(out.resolve("special_tokens_map.json")).get("unk_token").asText())
                .isEqualTo("[UNK]");

        Tokenizer fromJson = Tokenizer.fromFile(out);
        Path legacy = dir.resolve("legacy");
        Files.createDirectories(legacy);
        for (String f : List.of("vocab.txt", "tokenizer_config.json", "special_tokens_map.json")) {
            Files.copy(out.resolve(f), legacy.resolve(f));
        }
        Tokenizer fromVocabTxt = Tokenizer.fromFile(legacy);
        for (String s : List.of("hugs and pugs", "Bun, pun! [MASK] [SEP]", "HUG")) {
            assertThat(fromJson.encode(s).ids()).containsExactly(fromVocabTxt.encode(s).ids());
            assertThat(fromJson.encode(s).ids()).containsExactly(v.tokenizer().encode(s).ids());
        }
        assertThat(fromJson.encode("hugs pun", "bun").typeIds()).containsExactly(0, 0, 0, 0, 1, 1);
        assertThat(fromJson.specialTokens().padId()).isZero();
        assertThat(fromJson.decode(fromJson.encode("hugs, pun").ids(), false)).isEqualTo("[CLS] hugs [UNK] pun [SEP]");
    }

    @Test
    void emptyCorpusIsAnError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(List.of("", "  \t", "\u0000").iterator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the corpus has no words")
                .hasMessageContaining("3 texts");
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(List.of(empty)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no corpus files");
    }

    @Test
    void unreadableFilesAreNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(List.of(missing)))
                .isInstanceOf(TokenizerException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(List.of(latin1)))
                .isInstanceOf(TokenizerException.class).hasMessageContaining(latin1.toString())
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void badOptionsAreRejectedByName() {
        assertThatThrownBy(() -> WordPieceTrainer.builder().vocabSize(0).build()).hasMessageContaining("vocabSize");
        assertThatThrownBy(() -> WordPieceTrainer.builder().minFrequency(-1).build()).hasMessageContaining("minFrequency");
        assertThatThrownBy(() -> WordPieceTrainer.builder().limitAlphabet(-1).build()).hasMessageContaining("limitAlphabet");
        assertThatThrownBy(() -> WordPieceTrainer.builder().wordpiecesPrefix("").build()).hasMessageContaining("wordpiecesPrefix");
        assertThatThrownBy(() -> WordPieceTrainer.builder().specialTokens(List.of("[CLS]", "[SEP]")).build())
                .hasMessageContaining("lack [UNK]");
        assertThatThrownBy(() -> WordPieceTrainer.builder().specialTokens(List.of("[UNK]", "[CLS]", "[SEP]", "[CLS]")).build())
                .hasMessageContaining("'[CLS]' is listed twice");
        Iterator<String> withNull = java.util.Arrays.asList("a", null).iterator();
        assertThatThrownBy(() -> WordPieceTrainer.builder().build().train(withNull)).hasMessageContaining("text 2");
    }
}
