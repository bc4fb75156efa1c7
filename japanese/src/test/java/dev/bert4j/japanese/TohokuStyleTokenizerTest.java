package dev.bert4j.japanese;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole {@code BertJapaneseTokenizer} model directories as the Tohoku models are made ({@code word_tokenizer_type:
 * mecab}, {@code do_lower_case: false}), with vocabularies built the way theirs were: the most frequent MeCab words
 * of half the manpages-ja sentences plus every character and its {@code ##} piece, or the characters alone. On the
 * other half and the adversarial inputs, tokens and ids must equal the reference: Debian's {@code mecab} on the NFKC
 * text, then WordPiece or characters written out here, and each token's offsets must cover its original text.
 */
class TohokuStyleTokenizerTest {
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    private static List<String> train;
    private static List<String> test;

    @TempDir
    Path dir;

    @BeforeAll
    static void split() {
        List<String> all = Sentences.manpages();
        train = all.subList(0, all.size() / 2);
        test = new ArrayList<>(all.subList(all.size() / 2, all.size()).stream().limit(15_000).toList());
        for (String s : Sentences.adversarial()) {
            if (!s.contains("[")) test.add(s);
        }
    }

    private Tokenizer model(List<String> vocab, String subword) throws IOException {
        Files.write(dir.resolve("vocab.txt"), vocab);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"do_lower_case\": false, \"word_tokenizer_type\": \"mecab\", \"subword_tokenizer_type\": \""
                + subword + "\", \"mecab_kwargs\": {\"mecab_dic\": \"ipadic\"}, \"model_max_length\": 512}");
        return Tokenizer.fromFile(dir);
    }

    private static List<String> nfkc(List<String> texts) {
        return texts.stream().map(s -> Normalizer.normalize(s, Normalizer.Form.NFKC)).toList();
    }

    @Test
    void wordPieceOverMecabWords() throws IOException {
        Map<String, Integer> freq = new HashMap<>();
        Set<String> chars = new LinkedHashSet<>();
        for (List<String> words : MecabOracle.words(nfkc(train))) {
            for (String w : words) {
                freq.merge(w, 1, Integer::sum);
                w.codePoints().forEach(c -> chars.add(Character.toString(c)));
            }
        }
        Set<String> vocab = new LinkedHashSet<>(SPECIALS);
        freq.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(6000).forEach(e -> vocab.add(e.getKey()));
        for (String c : chars) {
            vocab.add(c);
            vocab.add("##" + c);
        }
        List<String> list = List.copyOf(vocab);
        Tokenizer t = model(list, "wordpiece");
        Map<String, Integer> ids = new HashMap<>();
        for (String v : list) ids.put(v, ids.size());
        List<List<String>> reference = MecabOracle.words(nfkc(test));
        for (int i = 0; i < test.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String w : reference.get(i)) {
                for (String piece : pythonSplit(w)) expected.addAll(wordPiece(piece, vocab));
            }
            check(t, test.get(i), expected, ids);
        }
    }

    @Test
    void charactersOverMecabWords() throws IOException {
        Map<String, Integer> freq = new HashMap<>();
        for (String s : nfkc(train)) s.codePoints().forEach(c -> freq.merge(Character.toString(c), 1, Integer::sum));
        Set<String> vocab = new LinkedHashSet<>(SPECIALS);
        freq.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).sorted(Comparator.naturalOrder())
                .forEach(vocab::add);
        List<String> list = List.copyOf(vocab);
        Tokenizer t = model(list, "character");
        Map<String, Integer> ids = new HashMap<>();
        for (String v : list) ids.put(v, ids.size());
        List<List<String>> reference = MecabOracle.words(nfkc(test));
        for (int i = 0; i < test.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String w : reference.get(i)) {
                w.codePoints().forEach(c -> expected.add(vocab.contains(Character.toString(c)) ? Character.toString(c) : "[UNK]"));
            }
            check(t, test.get(i), expected, ids);
        }
    }

    private static void check(Tokenizer t, String text, List<String> expected, Map<String, Integer> vocab) {
        Encoding e = t.withoutTruncation().encode(text);
        List<String> tokens = List.of(e.tokens()).subList(1, e.length() - 1);
        assertThat(tokens).as(text).isEqualTo(expected);
        for (int k = 1; k < e.length() - 1; k++) {
            assertThat(e.ids()[k]).isEqualTo(vocab.get(e.tokens()[k]));
            String piece = e.tokens()[k].startsWith("##") ? e.tokens()[k].substring(2) : e.tokens()[k];
            String original = text.substring(e.start(k), e.end(k));
            if (!piece.equals("[UNK]")) {
                assertThat(Normalizer.normalize(original, Normalizer.Form.NFKC)).as("offsets of %s in %s", piece, text)
                        .contains(piece);
            }
        }
    }

    /** Python's {@code str.split()}, which {@code WordpieceTokenizer} applies first ({@code \r} is a MeCab word). */
    private static List<String> pythonSplit(String word) {
        String spaces = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003"
                + "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (spaces.indexOf(c) >= 0) {
                if (!cur.isEmpty()) out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) out.add(cur.toString());
        return out;
    }

    /** transformers' {@code WordpieceTokenizer} on one MeCab word: greedy longest match, {@code ##} after the first. */
    private static List<String> wordPiece(String word, Set<String> vocab) {
        if (word.codePointCount(0, word.length()) > 100) return List.of("[UNK]");
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            String found = null;
            for (int end = word.length(); end > start; end--) {
                if (Character.isLowSurrogate(word.charAt(end - 1)) && end - 1 > start) continue;
                String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                if (vocab.contains(sub)) {
                    found = sub;
                    start = end;
                    break;
                }
            }
            if (found == null) return List.of("[UNK]");
            out.add(found);
        }
        return out;
    }
}
