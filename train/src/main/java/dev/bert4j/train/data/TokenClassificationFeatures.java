package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.SpecialTokens;
import dev.bert4j.tokenizers.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Encodes tagged sentences as Hugging Face's {@code tokenize_and_align_labels} ({@code run_ner.py}) with
 * {@code is_split_into_words=True} and {@code label_all_tokens=False}: each word is tokenized on its own, its tag
 * goes on its first sub-token and {@link TokenFeature#IGNORE} on the others and on {@code [CLS]}/{@code [SEP]}; a
 * word that yields no tokens gets no position. Sentences longer than {@code maxLength} (specials included) lose
 * their trailing tokens.
 */
public final class TokenClassificationFeatures {
    private TokenClassificationFeatures() {}

    /** Encodes sentences of an unnamed file (see {@link #encode(Tokenizer, List, LabelSet, int, String)}). */
    public static List<TokenFeature> encode(Tokenizer tok, List<TaggedSentence> sentences, LabelSet tags,
                                            int maxLength) {
        return encode(tok, sentences, tags, maxLength, null);
    }

    /**
     * Encodes sentences read from {@code file} (named in error messages; may be null).
     *
     * @throws DatasetException         when a tag is not in {@code tags}
     * @throws IllegalArgumentException when the tokenizer has no {@code [CLS]} or {@code [SEP]}, or
     *                                  {@code maxLength < 2}
     */
    public static List<TokenFeature> encode(Tokenizer tok, List<TaggedSentence> sentences, LabelSet tags,
                                            int maxLength, String file) {
        Objects.requireNonNull(tok, "tokenizer");
        Objects.requireNonNull(tags, "tags");
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        SpecialTokens special = tok.specialTokens();
        if (special.clsId() < 0 || special.sepId() < 0) {
            throw new IllegalArgumentException("token classification needs a tokenizer with [CLS] and [SEP] tokens");
        }
        Tokenizer plain = tok.withoutTruncation().withoutPadding();
        Map<String, int[]> pieces = new HashMap<>();
        List<TokenFeature> out = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            out.add(align(s, tags, maxLength, file, special, w -> pieces.computeIfAbsent(w, x -> wordIds(plain, x))));
        }
        return out;
    }

    private static TokenFeature align(TaggedSentence s, LabelSet tags, int maxLength, String file,
                                      SpecialTokens special, Function<String, int[]> pieces) {
        int[] ids = new int[maxLength];
        int[] labels = new int[maxLength];
        int n = 0;
        ids[n] = special.clsId();
        labels[n++] = TokenFeature.IGNORE;
        int[] tagIds = new int[s.tags().size()];
        for (int w = 0; w < tagIds.length; w++) tagIds[w] = tags.id(s.tags().get(w), s.line(), file);
        for (int w = 0; w < s.tokens().size() && n < maxLength - 1; w++) {
            int tag = tagIds[w];
            int[] word = pieces.apply(s.tokens().get(w));
            for (int p = 0; p < word.length && n < maxLength - 1; p++) {
                ids[n] = word[p];
                labels[n++] = p == 0 ? tag : TokenFeature.IGNORE;
            }
        }
        ids[n] = special.sepId();
        labels[n++] = TokenFeature.IGNORE;
        return new TokenFeature(Arrays.copyOf(ids, n), new int[n], Arrays.copyOf(labels, n));
    }

    /** The ids of one word without special tokens (the tokens of the first sequence). */
    static int[] wordIds(Tokenizer plain, String word) {
        Encoding e = plain.encode(word);
        int[] out = new int[e.length()];
        int n = 0;
        for (int i = 0; i < e.length(); i++) {
            if (e.sequenceIds()[i] == 0) out[n++] = e.ids()[i];
        }
        return Arrays.copyOf(out, n);
    }
}
