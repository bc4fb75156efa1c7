package dev.bert4j.tokenizers;

import java.text.Normalizer;
import java.util.Set;

/**
 * transformers' slow {@code BasicTokenizer} as {@code BertJapaneseTokenizer} builds it for
 * {@code word_tokenizer_type: "basic"} ({@code tokenize_chinese_chars=False}, {@code strip_accents=None}):
 * {@code _clean_text}, NFC, split on whitespace, then for each word not in {@code never_split}: lowercase and strip
 * accents when {@code do_lower_case}, and split off punctuation. Each word keeps the span of original text of every
 * character. Immutable.
 */
final class SlowBasicTokenizer {
    private final boolean doLowerCase;
    private final Set<String> neverSplit;

    SlowBasicTokenizer(boolean doLowerCase, Set<String> neverSplit) {
        this.doLowerCase = doLowerCase;
        this.neverSplit = Set.copyOf(neverSplit);
    }

    /** Calls {@code sink} with each word of {@code in[from, to)}, as a range of a fresh buffer. */
    void words(NormalizedText in, int from, int to, WordSink sink) {
        NormalizedText clean = new NormalizedText(to - from + 8);
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(in.chars, i, to);
            int n = Character.charCount(cp);
            if (!(cp == 0 || cp == 0xFFFD || PythonText.isControl(cp))) {
                if (PythonText.isWhitespace(cp)) {
                    clean.append(' ', in.srcStart[i], in.srcEnd[i + n - 1]);
                } else {
                    for (int k = i; k < i + n; k++) clean.append(in.chars[k], in.srcStart[k], in.srcEnd[k]);
                }
            }
            i += n;
        }
        NormalizedText nfc = new NormalizedText(clean.length + 8);
        AlignedNormalizer.normalize(clean, 0, clean.length, Normalizer.Form.NFC, nfc);
        IntList tokens = PythonText.split(nfc.chars, 0, nfc.length);
        for (int t = 0; t < tokens.size; t += 3) {
            int s = tokens.a[t];
            int e = tokens.a[t + 1];
            String token = nfc.text(s, e);
            if (neverSplit.contains(token)) {
                sink.word(nfc, s, e);
                continue;
            }
            NormalizedText word = nfc;
            int ws = s;
            int we = e;
            if (doLowerCase) {
                NormalizedText lowered = new NormalizedText(e - s + 8);
                PythonText.lower(nfc, s, e, lowered);
                word = stripAccents(lowered);
                ws = 0;
                we = word.length;
            }
            splitOnPunctuation(word, ws, we, sink);
        }
    }

    /** {@code _run_strip_accents}: NFD, then drop non-spacing marks (Mn). */
    private static NormalizedText stripAccents(NormalizedText in) {
        NormalizedText nfd = new NormalizedText(in.length + 8);
        AlignedNormalizer.normalize(in, 0, in.length, Normalizer.Form.NFD, nfd);
        NormalizedText out = new NormalizedText(nfd.length + 8);
        for (int i = 0; i < nfd.length; ) {
            int cp = Character.codePointAt(nfd.chars, i, nfd.length);
            int n = Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                for (int k = i; k < i + n; k++) out.append(nfd.chars[k], nfd.srcStart[k], nfd.srcEnd[k]);
            }
            i += n;
        }
        return out;
    }

    /**
     * {@code _run_split_on_punc}, then {@code whitespace_tokenize(" ".join(...))}: each punctuation character is a
     * word; empty words disappear.
     */
    private static void splitOnPunctuation(NormalizedText w, int from, int to, WordSink sink) {
        int start = from;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(w.chars, i, to);
            int n = Character.charCount(cp);
            if (PythonText.isPunctuation(cp)) {
                emitSplit(w, start, i, sink);
                sink.word(w, i, i + n);
                start = i + n;
            }
            i += n;
        }
        emitSplit(w, start, to, sink);
    }

    private static void emitSplit(NormalizedText w, int from, int to, WordSink sink) {
        IntList parts = PythonText.split(w.chars, from, to);
        for (int p = 0; p < parts.size; p += 3) sink.word(w, parts.a[p], parts.a[p + 1]);
    }

    /** Receives one word: the range {@code [from, to)} of {@code text}. */
    interface WordSink {
        void word(NormalizedText text, int from, int to);
    }
}
