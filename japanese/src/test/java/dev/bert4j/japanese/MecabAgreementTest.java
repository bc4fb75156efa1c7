package dev.bert4j.japanese;

import dev.bert4j.tokenizers.WordSegmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our MeCab against Debian's {@code mecab} with {@code mecab-ipadic-utf8} (IPADIC 2.7.0-20070801, the version
 * Kuromoji compiled and the {@code ipadic} package transformers uses): the same words on real sentences from
 * {@code manpages-ja}, as written and after NFKC (what {@code BertJapaneseTokenizer} gives MeCab), and on every
 * adversarial input.
 */
class MecabAgreementTest {
    private static WordSegmenter mecab;

    @BeforeAll
    static void open() {
        mecab = new MecabProvider().open(Map.of(), "test");
    }

    static List<String> words(String text) {
        int[] w = mecab.segment(text);
        List<String> out = new ArrayList<>(w.length / 2);
        for (int i = 0; i < w.length; i += 2) out.add(text.substring(w[i], w[i + 1]));
        return out;
    }

    /** Compares every text, prints the agreement and every difference, and returns the share of equal texts. */
    private static double agreement(String name, List<String> texts) {
        List<List<String>> reference = MecabOracle.words(texts);
        Map<String, String> differences = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            List<String> ours = words(texts.get(i));
            if (!ours.equals(reference.get(i))) differences.put(texts.get(i), ours + " vs mecab " + reference.get(i));
        }
        double rate = 1.0 - (double) differences.size() / texts.size();
        System.out.printf("MeCab agreement, %s: %d of %d texts (%.4f%%)%n", name, texts.size() - differences.size(),
                texts.size(), 100 * rate);
        differences.forEach((text, diff) -> System.out.println("  differs: " + text + " -> " + diff));
        return rate;
    }

    @Test
    void realSentencesAfterNfkc() {
        List<String> texts = Sentences.manpages().stream().map(s -> Normalizer.normalize(s, Normalizer.Form.NFKC)).toList();
        assertThat(agreement("manpages-ja after NFKC", texts)).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void realSentencesAsWritten() {
        assertThat(agreement("manpages-ja as written", Sentences.manpages())).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void everyAdversarialInput() {
        List<String> texts = new ArrayList<>(Sentences.adversarial());
        for (String s : Sentences.adversarial()) texts.add(Normalizer.normalize(s, Normalizer.Form.NFKC));
        assertThat(agreement("adversarial", texts)).isEqualTo(1.0);
    }

    @Test
    void wordsCoverTheTextInOrderWithoutOverlap() {
        for (String text : Sentences.adversarial()) {
            int[] w = mecab.segment(text);
            int last = 0;
            for (int i = 0; i < w.length; i += 2) {
                assertThat(w[i]).isGreaterThanOrEqualTo(last);
                assertThat(w[i + 1]).isGreaterThan(w[i]).isLessThanOrEqualTo(text.length());
                assertThat(text.substring(last, w[i]).strip()).as("only spaces are skipped").isEmpty();
                last = w[i + 1];
            }
        }
    }
}
