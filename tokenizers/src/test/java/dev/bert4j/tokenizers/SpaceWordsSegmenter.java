package dev.bert4j.tokenizers;

import java.util.Map;

/**
 * A stand-in for Juman++ in this module's tests (the runner of the real program is in {@code bert4j-japanese}): words
 * are runs of characters other than the ASCII space, and each ASCII space is a word of its own, as Juman++ answers a
 * space as a 特殊/空白 morpheme. It lets these tests check what {@code JumanppTokenizer} does around the analyzer.
 */
public final class SpaceWordsSegmenter implements WordSegmenterProvider, WordSegmenter {
    @Override
    public String wordTokenizerType() {
        return "jumanpp";
    }

    @Override
    public WordSegmenter open(Map<String, String> options, String source) {
        return this;
    }

    @Override
    public int[] segment(String text) {
        IntList out = new IntList(16);
        for (int i = 0; i < text.length(); ) {
            int start = i;
            if (text.charAt(i) == ' ') {
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ' ') i++;
            }
            out.add(start);
            out.add(i);
        }
        int[] words = new int[out.size];
        System.arraycopy(out.a, 0, words, 0, out.size);
        return words;
    }
}
