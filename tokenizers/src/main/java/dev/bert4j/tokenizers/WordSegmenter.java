package dev.bert4j.tokenizers;

/**
 * A morphological analyzer that splits text into words, the way MeCab does for transformers'
 * {@code BertJapaneseTokenizer} ({@code word_tokenizer_type: "mecab"}). Implementations come from a
 * {@link WordSegmenterProvider}; they are immutable and safe to share between threads.
 */
public interface WordSegmenter {
    /**
     * The words of {@code text}, in order, as {@code [start, end)} pairs of UTF-16 indices into it: word {@code i}
     * is {@code text.substring(words[2 * i], words[2 * i + 1])}. Words never overlap; text that belongs to no word
     * (MeCab skips spaces) is left out.
     */
    int[] segment(String text);
}
