package dev.bert4j.tokenizers;

import java.text.Normalizer;
import java.util.List;
import java.util.Set;

/**
 * transformers' slow {@code BertJapaneseTokenizer.tokenize}, in its order: with {@code do_lower_case} the raw text
 * is lowercased outside special tokens; the text is split on added tokens before any normalization (so a
 * full-width {@code ［ＭＡＳＫ］} is not special); each other piece goes whole to the word tokenizer (MeCab with
 * NFKC first, Juman++ with NFKC and a strip first, the basic tokenizer, or none); each word goes to the sub-word
 * tokenizer (WordPiece after a split on Python whitespace, single characters after NFKC, SentencePiece, or none).
 * Every token keeps the span of original text it came from. Immutable; scratch memory is per call.
 */
final class JapanesePipeline implements TextStage {
    enum WordMode { MECAB, JUMANPP, BASIC, NONE }

    enum SubwordMode { WORDPIECE, CHARACTER, SENTENCEPIECE, NONE }

    /**
     * The ids: {@code vocab.txt} as WordPiece (for {@code wordpiece}, {@code character} and none), or the
     * SentencePiece model (for {@code sentencepiece}, which reads no {@code vocab.txt}); the other is null.
     */
    record Vocab(WordPiece wordPiece, JapaneseSentencePiece sentencePiece) {
        Vocabulary ids() {
            return wordPiece != null ? wordPiece : sentencePiece;
        }

        /** The id a word passed on whole gets when the vocabulary lacks it. */
        int unkId() {
            return wordPiece != null ? wordPiece.tokenToId(wordPiece.unkToken()) : sentencePiece.unkId();
        }
    }

    /** The word tokenizer's options: MeCab's and Juman++'s {@code normalize_text}, Juman++'s {@code trim_whitespace}. */
    record WordOptions(WordMode mode, WordSegmenter segmenter, boolean normalizeText, boolean trimWhitespace) {}

    private final AddedVocabulary added;
    private final Vocab vocabs;
    private final Vocabulary vocab;
    private final boolean doLowerCase;
    /** Kept as they are by the first lowercasing: special tokens, and non-special normalized added tokens. */
    private final List<String> lowerExempt;
    /** Words MeCab's lowercasing leaves alone: {@code never_split} and the special tokens. */
    private final Set<String> neverSplit;
    private final WordMode wordMode;
    private final WordSegmenter segmenter;
    private final SlowBasicTokenizer basic;
    private final boolean normalizeText;
    private final boolean trimWhitespace;
    private final SubwordMode subwordMode;

    JapanesePipeline(AddedVocabulary added, Vocab vocabs, boolean doLowerCase, List<String> lowerExempt,
                     Set<String> neverSplit, WordOptions words, SubwordMode subwordMode) {
        this.added = added;
        this.vocabs = vocabs;
        this.vocab = vocabs.ids();
        this.doLowerCase = doLowerCase;
        this.lowerExempt = List.copyOf(lowerExempt);
        this.neverSplit = Set.copyOf(neverSplit);
        this.wordMode = words.mode();
        this.segmenter = words.segmenter();
        this.basic = new SlowBasicTokenizer(doLowerCase, neverSplit);
        this.normalizeText = words.normalizeText();
        this.trimWhitespace = words.trimWhitespace();
        this.subwordMode = subwordMode;
    }

    @Override
    public TokenSequence tokenize(String text) {
        NormalizedText raw = lowercased(text);
        TokenSequence out = new TokenSequence(text.length() / 2 + 8);
        int[] word = {0};
        IntList parts = new IntList(16);
        added.splitRaw(raw.chars, 0, raw.length, parts);
        for (int p = 0; p < parts.size; p += 3) {
            int tok = parts.a[p];
            int s = parts.a[p + 1];
            int e = parts.a[p + 2];
            if (tok >= 0) {
                AddedToken t = added.rawToken(tok);
                out.add(t.id(), t.content(), raw.srcStart[s], raw.srcEnd[e - 1], word[0]++);
            } else {
                wordTokenize(raw, s, e, out, word);
            }
        }
        return out;
    }

    /** The text, lowercased one character at a time outside the exempt tokens when {@code do_lower_case}. */
    private NormalizedText lowercased(String text) {
        NormalizedText out = new NormalizedText(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            String exempt = doLowerCase ? exemptAt(text, i) : null;
            if (exempt != null) {
                for (int k = 0; k < exempt.length(); k++) out.append(text.charAt(i + k), i + k, i + k + 1);
                i += exempt.length();
                continue;
            }
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String s = doLowerCase ? PythonText.lowerOne(cp) : text.substring(i, i + n);
            for (int k = 0; k < s.length(); k++) out.append(s.charAt(k), i, i + n);
            i += n;
        }
        return out;
    }

    private String exemptAt(String text, int i) {
        for (String s : lowerExempt) {
            if (!s.isEmpty() && text.startsWith(s, i)) return s;
        }
        return null;
    }

    private void wordTokenize(NormalizedText raw, int from, int to, TokenSequence out, int[] word) {
        switch (wordMode) {
            case NONE -> subword(raw, from, to, out, word);
            case BASIC -> basic.words(raw, from, to, (w, s, e) -> subword(w, s, e, out, word));
            case MECAB, JUMANPP -> analyzed(raw, from, to, out, word);
        }
    }

    /**
     * {@code MecabTokenizer.tokenize} and {@code JumanppTokenizer.tokenize}: NFKC when {@code normalize_text}
     * (Juman++ then strips the text), the analyzer's words, each lowercased unless in {@code never_split}; Juman++
     * with {@code trim_whitespace} drops words that are all whitespace and strips the others.
     */
    private void analyzed(NormalizedText raw, int from, int to, TokenSequence out, int[] word) {
        NormalizedText norm = new NormalizedText(to - from + 16);
        if (normalizeText) {
            AlignedNormalizer.normalize(raw, from, to, Normalizer.Form.NFKC, norm);
        } else {
            for (int i = from; i < to; i++) norm.append(raw.chars[i], raw.srcStart[i], raw.srcEnd[i]);
        }
        boolean juman = wordMode == WordMode.JUMANPP;
        int first = juman ? stripStart(norm, 0, norm.length) : 0;
        int last = juman ? stripEnd(norm, first, norm.length) : norm.length;
        int[] words = segmenter.segment(norm.text(first, last));
        for (int w = 0; w < words.length; w += 2) {
            int s = words[w] + first;
            int e = words[w + 1] + first;
            if (s < first || e > last || s >= e) {
                throw new IllegalStateException("word segmenter returned the bad word range [" + s + ", " + e + ")");
            }
            boolean keep = !doLowerCase || neverSplit.contains(norm.text(s, e));
            if (juman && trimWhitespace) {
                int ts = stripStart(norm, s, e);
                e = stripEnd(norm, ts, e);
                s = ts;
                if (s == e) continue;
            }
            if (!keep) {
                NormalizedText lowered = new NormalizedText(e - s + 8);
                PythonText.lower(norm, s, e, lowered);
                subword(lowered, 0, lowered.length, out, word);
            } else {
                subword(norm, s, e, out, word);
            }
        }
    }

    /** Python's {@code str.strip}: the first index of {@code t[from, to)} that is not whitespace. */
    private static int stripStart(NormalizedText t, int from, int to) {
        while (from < to && PythonText.isSpace(Character.codePointAt(t.chars, from, to))) {
            from += Character.charCount(Character.codePointAt(t.chars, from, to));
        }
        return from;
    }

    private static int stripEnd(NormalizedText t, int from, int to) {
        while (to > from && PythonText.isSpace(Character.codePointBefore(t.chars, to, from))) {
            to -= Character.charCount(Character.codePointBefore(t.chars, to, from));
        }
        return to;
    }

    private void subword(NormalizedText w, int from, int to, TokenSequence out, int[] word) {
        switch (subwordMode) {
            case WORDPIECE -> {
                IntList pieces = PythonText.split(w.chars, from, to);
                for (int p = 0; p < pieces.size; p += 3) {
                    vocabs.wordPiece().tokenize(w, pieces.a[p], pieces.a[p + 1], word[0]++, out);
                }
            }
            case CHARACTER -> characters(w, from, to, out, word[0]++);
            case SENTENCEPIECE -> vocabs.sentencePiece().tokenize(w, from, to, out, word[0]++);
            case NONE -> {
                String token = w.text(from, to);
                int id = tokenToId(token);
                out.add(id >= 0 ? id : vocabs.unkId(), token, w.srcStart[from], w.srcEnd[to - 1], word[0]++);
            }
        }
    }

    /** {@code CharacterTokenizer.tokenize}: NFKC, then each code point is a token, or the unknown token. */
    private void characters(NormalizedText w, int from, int to, TokenSequence out, int word) {
        NormalizedText norm = new NormalizedText(to - from + 8);
        AlignedNormalizer.normalize(w, from, to, Normalizer.Form.NFKC, norm);
        int unk = vocab.tokenToId(vocab.unkToken());
        for (int i = 0; i < norm.length; ) {
            int cp = Character.codePointAt(norm.chars, i, norm.length);
            int n = Character.charCount(cp);
            String c = norm.text(i, i + n);
            int id = vocab.tokenToId(c);
            if (id >= 0) {
                AddedToken t = added.byContent(c);
                out.add(t != null ? t.id() : id, c, norm.srcStart[i], norm.srcEnd[i + n - 1], word);
            } else {
                out.add(unk, vocab.unkToken(), norm.srcStart[i], norm.srcEnd[i + n - 1], word);
            }
            i += n;
        }
    }

    @Override
    public int tokenToId(String token) {
        return added.tokenToId(token, vocab);
    }

    @Override
    public String idToToken(int id) {
        return added.idToToken(id, vocab);
    }

    @Override
    public int vocabSize() {
        return added.vocabSize(vocab);
    }

    @Override
    public boolean isSpecial(String token) {
        return added.isSpecial(token);
    }
}
