package dev.bert4j.tokenizers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Trains a BERT WordPiece vocabulary from text, as Hugging Face's {@code BertWordPieceTokenizer.train} does
 * ({@code WordPieceTrainer}, which runs the BPE trainer with the continuing-subword prefix):
 * <ol>
 *   <li>each text is normalized ({@code BertNormalizer}) and pre-tokenized ({@code BertPreTokenizer}) by the same
 *       code that encodes, and its words are counted;</li>
 *   <li>the vocabulary starts with the special tokens, in the given order, then the alphabet: the
 *       {@code limitAlphabet} most frequent characters (plus {@code initialAlphabet}) in code point order;
 *       characters left out are dropped from the words;</li>
 *   <li>each word becomes its first character followed by {@code "##c"} for every later character; new
 *       {@code "##c"} forms join the vocabulary;</li>
 *   <li>the most frequent adjacent pair (weighted by word count; ties go to the lower pair of ids) is merged into
 *       {@code a + b} without {@code b}'s prefix, until the vocabulary has {@code vocabSize} tokens or the best pair
 *       occurs fewer than {@code minFrequency} times.</li>
 * </ol>
 *
 * <p>Where the result can differ from Hugging Face's: it iterates a hash map of words when it creates the
 * {@code "##c"} forms, so their ids (and with them every tie between pairs of equal count, which is broken by ids)
 * vary from run to run there; here words are visited in {@link String#compareTo} order, so training is
 * deterministic. Likewise, among characters of equal frequency at the alphabet limit, the larger code point is the
 * one dropped. Hugging Face also accepts a {@code vocab_size} below the size of the vocabulary before any merge and
 * returns that larger vocabulary; here that is an error naming the minimum. Apart from ties, the merges (and so the
 * vocabulary) are the same, including Hugging Face's bookkeeping quirks.
 *
 * <p>The special tokens must include {@code [UNK]}, {@code [CLS]} and {@code [SEP]}, which the written
 * {@code tokenizer.json} uses as unknown token and in its {@code [CLS] $A [SEP] $B [SEP]} template;
 * {@code [PAD]} and {@code [MASK]} are used when present. Immutable and reusable; each {@code train} call is
 * independent. Build one with {@link #builder()}.
 */
public final class WordPieceTrainer {
    static final String UNK = "[UNK]";
    static final String CLS = "[CLS]";
    static final String SEP = "[SEP]";
    static final String PAD = "[PAD]";
    static final String MASK = "[MASK]";

    private final int vocabSize;
    private final long minFrequency;
    private final int limitAlphabet;
    private final String initialAlphabet;
    private final boolean lowercase;
    private final Boolean stripAccents;
    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final List<String> specialTokens;
    private final String wordpiecesPrefix;

    private WordPieceTrainer(Builder b) {
        this.vocabSize = b.vocabSize;
        this.minFrequency = b.minFrequency;
        this.limitAlphabet = b.limitAlphabet;
        this.initialAlphabet = b.initialAlphabet;
        this.lowercase = b.lowercase;
        this.stripAccents = b.stripAccents;
        this.cleanText = b.cleanText;
        this.handleChineseChars = b.handleChineseChars;
        this.specialTokens = List.copyOf(b.specialTokens);
        this.wordpiecesPrefix = b.wordpiecesPrefix;
    }

    /** A builder with Hugging Face's {@code BertWordPieceTokenizer.train} defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains on texts (each may hold many sentences or lines); only the word counts are kept in memory.
     *
     * @throws IllegalArgumentException when a text is null, the texts hold no words, or {@code vocabSize} is below
     *                                  the vocabulary before any merge (the message says what the minimum is)
     */
    public TrainedVocabulary train(Iterator<String> texts) {
        Objects.requireNonNull(texts, "texts to train on must not be null");
        WordCounter counter = newCounter();
        while (texts.hasNext()) {
            String text = texts.next();
            if (text == null) {
                throw new IllegalArgumentException("text " + (counter.texts() + 1) + " of the corpus is null");
            }
            counter.add(text);
        }
        return finish(counter, "the " + counter.texts() + " texts given");
    }

    /**
     * Trains on UTF-8 text files, one text per line, read as a stream.
     *
     * @throws TokenizerException       when a file is missing, unreadable or not valid UTF-8 (naming file and line)
     * @throws IllegalArgumentException as {@link #train(Iterator)}
     */
    public TrainedVocabulary train(List<Path> files) {
        Objects.requireNonNull(files, "corpus files must not be null");
        if (files.isEmpty()) throw new IllegalArgumentException("no corpus files given");
        for (Path f : files) {
            Objects.requireNonNull(f, "corpus file must not be null");
            if (!Files.isRegularFile(f)) throw new TokenizerException(f + ": corpus file does not exist or is not a file");
            if (!Files.isReadable(f)) throw new TokenizerException(f + ": corpus file is not readable (check permissions)");
        }
        WordCounter counter = newCounter();
        for (Path f : files) readLines(f, counter);
        return finish(counter, files.size() == 1 ? files.getFirst().toString() : files.size() + " corpus files");
    }

    private static void readLines(Path file, WordCounter counter) {
        long line = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s; (s = r.readLine()) != null; ) {
                line++;
                counter.add(s);
            }
        } catch (CharacterCodingException e) {
            throw new TokenizerException(file + ": is not valid UTF-8 (at or after line " + (line + 1) + ")", e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read corpus file: " + e.getMessage(), e);
        }
    }

    private WordCounter newCounter() {
        return new WordCounter(new BertNormalizer(cleanText, handleChineseChars, stripAccents, lowercase));
    }

    private TrainedVocabulary finish(WordCounter counter, String source) {
        if (counter.distinctWords() == 0) {
            throw new IllegalArgumentException("the corpus has no words: " + source + " held " + counter.texts()
                    + " texts, and nothing was left after normalization and pre-tokenization");
        }
        WordCounter.SortedWords words = counter.sortedWords();
        int[] alphabet = TrainingAlphabet.select(words.words(), words.counts(), initialAlphabet.codePoints().toArray(),
                limitAlphabet);
        MergeTrainer.Result r = MergeTrainer.train(words.words(), words.counts(), specialTokens, alphabet,
                wordpiecesPrefix, vocabSize, minFrequency);
        TrainingSummary summary = new TrainingSummary(r.tokens().size(), counter.texts(), counter.words(),
                counter.distinctWords(), r.alphabetSize(), r.merges());
        return new TrainedVocabulary(this, r.tokens(), summary);
    }

    public int vocabSize() {
        return vocabSize;
    }

    public long minFrequency() {
        return minFrequency;
    }

    public int limitAlphabet() {
        return limitAlphabet;
    }

    public String initialAlphabet() {
        return initialAlphabet;
    }

    public boolean lowercase() {
        return lowercase;
    }

    /** Null: strip accents exactly when lowercasing (Hugging Face's default). */
    public Boolean stripAccents() {
        return stripAccents;
    }

    public boolean cleanText() {
        return cleanText;
    }

    public boolean handleChineseChars() {
        return handleChineseChars;
    }

    public List<String> specialTokens() {
        return specialTokens;
    }

    public String wordpiecesPrefix() {
        return wordpiecesPrefix;
    }

    /** Options of a {@link WordPieceTrainer}; {@link #build()} checks them. */
    public static final class Builder {
        private int vocabSize = 30_000;
        private long minFrequency = 2;
        private int limitAlphabet = 1000;
        private String initialAlphabet = "";
        private boolean lowercase = true;
        private Boolean stripAccents;
        private boolean cleanText = true;
        private boolean handleChineseChars = true;
        private List<String> specialTokens = List.of(PAD, UNK, CLS, SEP, MASK);
        private String wordpiecesPrefix = "##";

        private Builder() {}

        /** Target number of tokens, special tokens included (default 30000). */
        public Builder vocabSize(int n) {
            this.vocabSize = n;
            return this;
        }

        /** A pair is merged only if it occurs at least this often (default 2). */
        public Builder minFrequency(long n) {
            this.minFrequency = n;
            return this;
        }

        /** Keep at most this many characters in the alphabet (default 1000; {@link Integer#MAX_VALUE}: all). */
        public Builder limitAlphabet(int n) {
            this.limitAlphabet = n;
            return this;
        }

        /** Characters always in the alphabet, even when unseen (default none). */
        public Builder initialAlphabet(String chars) {
            this.initialAlphabet = Objects.requireNonNull(chars, "initialAlphabet (use \"\" for none)");
            return this;
        }

        /** Lowercase the text (default true). */
        public Builder lowercase(boolean on) {
            this.lowercase = on;
            return this;
        }

        /** Strip accents; null (the default) follows {@link #lowercase(boolean)}. */
        public Builder stripAccents(Boolean on) {
            this.stripAccents = on;
            return this;
        }

        /** Remove control characters and turn all whitespace into spaces (default true). */
        public Builder cleanText(boolean on) {
            this.cleanText = on;
            return this;
        }

        /** Put spaces around CJK ideographs so each is a word (default true). */
        public Builder handleChineseChars(boolean on) {
            this.handleChineseChars = on;
            return this;
        }

        /** Special tokens, ids 0.. in this order (default [PAD], [UNK], [CLS], [SEP], [MASK]). */
        public Builder specialTokens(List<String> tokens) {
            this.specialTokens = List.copyOf(Objects.requireNonNull(tokens, "specialTokens"));
            return this;
        }

        /** Prefix of tokens that continue a word (default "##"). */
        public Builder wordpiecesPrefix(String prefix) {
            this.wordpiecesPrefix = Objects.requireNonNull(prefix, "wordpiecesPrefix");
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        public WordPieceTrainer build() {
            if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be at least 1, got " + vocabSize);
            if (minFrequency < 0) throw new IllegalArgumentException("minFrequency must be >= 0, got " + minFrequency);
            if (limitAlphabet < 0) {
                throw new IllegalArgumentException("limitAlphabet must be >= 0 (Integer.MAX_VALUE for no limit), got " + limitAlphabet);
            }
            if (wordpiecesPrefix.isEmpty() || wordpiecesPrefix.codePoints().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("wordpiecesPrefix must be non-empty and without whitespace, got '"
                        + wordpiecesPrefix + "'");
            }
            checkSpecials(specialTokens);
            return new WordPieceTrainer(this);
        }

        private static void checkSpecials(List<String> tokens) {
            HashSet<String> seen = new HashSet<>();
            for (String t : tokens) {
                if (t.isBlank()) throw new IllegalArgumentException("special tokens must not be empty or blank: " + tokens);
                if (!seen.add(t)) throw new IllegalArgumentException("special token '" + t + "' is listed twice: " + tokens);
            }
            for (String required : List.of(UNK, CLS, SEP)) {
                if (!seen.contains(required)) {
                    throw new IllegalArgumentException("special tokens " + tokens + " lack " + required
                            + ", which a BERT tokenizer needs (unknown token and [CLS] $A [SEP] template)");
                }
            }
        }
    }
}
