package dev.bert4j.tokenizers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the words of a training corpus exactly as the tokenizer will see them: each text goes through
 * {@link BertNormalizer} and {@link BertPreTokenizer}, and every resulting word is counted. Only the distinct words
 * and their counts are kept, never the texts. Not thread-safe (one per training run).
 */
final class WordCounter {
    private final BertNormalizer normalizer;
    private final BertPreTokenizer preTokenizer = new BertPreTokenizer();
    private final Map<String, long[]> counts = new HashMap<>();
    private final NormalizedText norm = new NormalizedText(1024);
    private final BertPreTokenizer.WordSink sink = this::count;
    private long texts;
    private long words;

    WordCounter(BertNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Normalizes, pre-tokenizes and counts the words of one text. */
    void add(String text) {
        texts++;
        norm.clear();
        normalizer.normalize(text, 0, text.length(), norm);
        preTokenizer.split(norm.chars, 0, norm.length, sink);
    }

    private void count(int start, int end) {
        words++;
        String word = new String(norm.chars, start, end - start);
        long[] c = counts.get(word);
        if (c == null) counts.put(word, new long[] {1});
        else c[0]++;
    }

    long texts() {
        return texts;
    }

    long words() {
        return words;
    }

    int distinctWords() {
        return counts.size();
    }

    /** The distinct words in {@link String#compareTo} order, each with its count at the same index. */
    SortedWords sortedWords() {
        String[] sorted = counts.keySet().toArray(new String[0]);
        Arrays.sort(sorted);
        long[] c = new long[sorted.length];
        for (int i = 0; i < c.length; i++) c[i] = counts.get(sorted[i])[0];
        return new SortedWords(sorted, c);
    }

    /** Distinct words in sorted order and how often each occurred. */
    record SortedWords(String[] words, long[] counts) {}
}
