package dev.bert4j.tokenizers;

import java.util.Map;

/**
 * A stand-in for MeCab in this module's tests (the real one, in {@code bert4j-japanese}, is checked against MeCab
 * itself): words are runs of one Unicode script, spaces, tabs and newlines are skipped as MeCab skips them, and
 * every other character that is neither letter nor digit is a word of its own. It lets these tests check the steps
 * around the word tokenizer (lowercasing, NFKC, special tokens, offsets) with words that are easy to predict.
 */
public final class ScriptRunSegmenter implements WordSegmenterProvider, WordSegmenter {
    @Override
    public String wordTokenizerType() {
        return "mecab";
    }

    @Override
    public WordSegmenter open(Map<String, String> options, String source) {
        return this;
    }

    @Override
    public int[] segment(String text) {
        IntList out = new IntList(16);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == ' ' || cp == '\t' || cp == '\n') {
                i++;
                continue;
            }
            int start = i;
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                while (i < text.length() && Character.isLetterOrDigit(text.codePointAt(i))
                        && Character.UnicodeScript.of(text.codePointAt(i)) == script) {
                    i += Character.charCount(text.codePointAt(i));
                }
            }
            out.add3(start, i, 0);
        }
        int[] words = new int[out.size / 3 * 2];
        for (int k = 0; k < out.size / 3; k++) {
            words[2 * k] = out.a[3 * k];
            words[2 * k + 1] = out.a[3 * k + 1];
        }
        return words;
    }
}
