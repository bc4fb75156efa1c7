package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The characters a trained vocabulary starts from, chosen as Hugging Face's BPE trainer does: every character's
 * frequency over all words (weighted by word count), the {@code initial_alphabet} characters forced in with the
 * highest possible count, then only the {@code limit_alphabet} most frequent kept.
 *
 * <p>Hugging Face sorts by count with an unstable sort, so which of several equally rare characters is dropped
 * depends on its hash map order; here the ties are broken by code point, the larger code point dropped first.
 */
final class TrainingAlphabet {
    private TrainingAlphabet() {}

    /**
     * The kept characters (code points) in ascending code point order.
     *
     * @param limit the most characters to keep, or a negative number for no limit
     */
    static int[] select(String[] words, long[] counts, int[] initialAlphabet, int limit) {
        Map<Integer, long[]> freq = new HashMap<>();
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            long c = counts[w];
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                freq.computeIfAbsent(cp, k -> new long[1])[0] += c;
                i += Character.charCount(cp);
            }
        }
        for (int cp : initialAlphabet) freq.computeIfAbsent(cp, k -> new long[1])[0] = Long.MAX_VALUE;
        List<long[]> all = new ArrayList<>(freq.size());
        freq.forEach((cp, c) -> all.add(new long[] {cp, c[0]}));
        int remove = limit >= 0 && all.size() > limit ? all.size() - limit : 0;
        if (remove > 0) {
            // most frequent first; among equal counts the smaller code point first
            all.sort((x, y) -> x[1] != y[1] ? Long.compare(y[1], x[1]) : Long.compare(x[0], y[0]));
            all.subList(all.size() - remove, all.size()).clear();
        }
        int[] kept = new int[all.size()];
        for (int i = 0; i < kept.length; i++) kept[i] = (int) all.get(i)[0];
        Arrays.sort(kept);
        return kept;
    }
}
