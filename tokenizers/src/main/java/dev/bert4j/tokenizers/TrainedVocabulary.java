package dev.bert4j.tokenizers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A WordPiece vocabulary trained by {@link WordPieceTrainer}: its tokens in id order, a summary of the run, and
 * the tokenizer files that use it. Immutable.
 */
public final class TrainedVocabulary {
    private final WordPieceTrainer options;
    private final List<String> tokens;
    private final TrainingSummary summary;

    TrainedVocabulary(WordPieceTrainer options, List<String> tokens, TrainingSummary summary) {
        this.options = options;
        this.tokens = List.copyOf(tokens);
        this.summary = summary;
    }

    /** All tokens; a token's id is its index. Special tokens come first, then the alphabet. */
    public List<String> tokens() {
        return tokens;
    }

    public int size() {
        return tokens.size();
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** The options it was trained with (they also shape the normalizer of the written tokenizer). */
    public WordPieceTrainer options() {
        return options;
    }

    /** The Hugging Face {@code tokenizer.json} for this vocabulary, as written by {@link #writeTo(Path)}. */
    public String tokenizerJson() {
        return TrainedTokenizerFiles.tokenizerJson(this);
    }

    /** A bert4j tokenizer using this vocabulary (the same as loading the written {@code tokenizer.json}). */
    public Tokenizer tokenizer() {
        byte[] json = tokenizerJson().getBytes(StandardCharsets.UTF_8);
        return Tokenizer.fromJson(new ByteArrayInputStream(json), "trained tokenizer.json");
    }

    /**
     * Writes {@code vocab.txt}, {@code tokenizer.json}, {@code tokenizer_config.json} and
     * {@code special_tokens_map.json} into {@code dir} (created if missing). Each file is written to a temporary
     * file beside it and moved into place, so a reader never sees a half-written file; existing files are replaced.
     *
     * @throws TokenizerException when the directory or a file cannot be written (naming it)
     */
    public void writeTo(Path dir) {
        TrainedTokenizerFiles.write(this, dir);
    }

    @Override
    public String toString() {
        return "TrainedVocabulary[" + summary + "]";
    }
}
