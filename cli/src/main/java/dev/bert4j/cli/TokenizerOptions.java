package dev.bert4j.cli;

import dev.bert4j.tokenizers.Padding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
  * The tokenizer options that commands share: which model's tokenizer, and how to truncate and pad.
  *
  * <p>Truncation follows the tokenizer file unless {@code --truncation} or {@code --max-length} is
  * given. Padding is off unless {@code --padding} asks for it (as in transformers, where a call pads
  * only when told to), so that one text prints only its own tokens.
  *
  * <p>The model commands cut texts at the model's limit (its {@code max_position_embeddings}); a tokenizer has
  * no such limit, so lengths here are capped at {@link #MAX_TOKENS}, far above any BERT model's, and a larger
  * {@code --max-length}, {@code --pad-to-multiple-of} or length from the tokenizer file is an error instead of an
  * attempt to allocate gigabytes.
  */
final class TokenizerOptions {
    /** The longest sequence {@code tokenize} truncates or pads to: 65,536 tokens (BERT takes 512). */
    static final int MAX_TOKENS = 1 << 16;

    /** Truncation strategies with Hugging Face's names. */
    enum TruncationChoice {
        longest_first, only_first, only_second, do_not_truncate
    }

    /** Padding strategies with Hugging Face's names. */
    enum PaddingChoice {
        do_not_pad, longest, max_length
    }

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "M",
            description = "Model directory, tokenizer.json, built-in name or Hub id (default: the embedded"
                    + " all-MiniLM-L6-v2).")
    String model;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars on standard error.")
    boolean quiet;

    @Option(names = "--progress",
            description = "Show the JSON Lines progress bar even when standard error is not a terminal (not with -q).")
    boolean progress;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Truncate to N tokens, special tokens included (at most 65536).")
    Integer maxLength;

    @Option(names = "--truncation", paramLabel = "STRATEGY",
            description = "longest_first, only_first, only_second or do_not_truncate (default: the tokenizer file's).")
    TruncationChoice truncation;

    @Option(names = "--stride", paramLabel = "S",
            description = "Tokens shared between overflowing windows (needs truncation; less than the maximum length).")
    Integer stride;

    @Option(names = "--padding", paramLabel = "STRATEGY", defaultValue = "do_not_pad",
            description = "do_not_pad (default), longest or max_length.")
    PaddingChoice padding;

    @Option(names = "--pad-to-multiple-of", paramLabel = "N", description = "Round padded lengths up to a multiple of N (at most 65536).")
    Integer padToMultipleOf;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The JSON Lines progress bar, as -q, --progress and the error stream say. */
    LinesProgress progress(String task, Bert4jCommand parent) {
        return LinesProgress.of(err(), task, quiet, progress, !quiet && !progress && parent.errIsTerminal());
    }

    Tokenizer tokenizer() {
        try (Progress progress = new Progress(err(), quiet)) {
            return configure(ModelFiles.tokenizer(model, progress));
        }
    }

    Tokenizer configure(Tokenizer base) {
        Tokenizer tokenizer = applyTruncation(base);
        return applyPadding(tokenizer);
    }

    private Tokenizer applyTruncation(Tokenizer tokenizer) {
        withinCap("--max-length", maxLength);
        if (stride != null && stride < 0) {
            throw new IllegalArgumentException("--stride must be 0 or more, got " + stride);
        }
        if (truncation == TruncationChoice.do_not_truncate) {
            if (maxLength != null || stride != null) {
                throw new IllegalArgumentException("--max-length and --stride need truncation, but --truncation is do_not_truncate");
            }
            return tokenizer.withoutTruncation();
        }
        Truncation current = tokenizer.truncation().orElse(null);
        if (truncation == null && maxLength == null && stride == null) {
            return tokenizer;
        }
        int length = maxLength != null ? maxLength
                : current != null ? current.maxLength()
                : tokenizer.modelMaxLength().orElseThrow(() -> new IllegalArgumentException(
                        "the tokenizer sets no maximum length: give --max-length"));
        Truncation.Strategy strategy = switch (truncation == null ? TruncationChoice.longest_first : truncation) {
            case only_first -> Truncation.Strategy.ONLY_FIRST;
            case only_second -> Truncation.Strategy.ONLY_SECOND;
            default -> current != null && truncation == null ? current.strategy() : Truncation.Strategy.LONGEST_FIRST;
        };
        int s = stride != null ? stride : 0;
        requireLength(length, maxLength != null ? "--max-length" : "the tokenizer's maximum length");
        if (s >= length) {
            throw new IllegalArgumentException("--stride " + s + " must be less than the maximum length " + length
                    + " (windows that share every token never end)");
        }
        var direction = current != null ? current.direction() : Truncation.Direction.RIGHT;
        return tokenizer.withTruncation(new Truncation(strategy, length, s, direction));
    }

    private Tokenizer applyPadding(Tokenizer tokenizer) {
        withinCap("--pad-to-multiple-of", padToMultipleOf);
        if (padding == PaddingChoice.do_not_pad) {
            if (padToMultipleOf != null) {
                throw new IllegalArgumentException("--pad-to-multiple-of needs --padding longest or max_length");
            }
            return tokenizer.withoutPadding();
        }
        Padding.Strategy strategy = Padding.Strategy.LONGEST;
        int length = 0;
        if (padding == PaddingChoice.max_length) {
            strategy = Padding.Strategy.FIXED;
            length = maxLength != null ? maxLength
                    : tokenizer.truncation().map(Truncation::maxLength)
                            .orElseThrow(() -> new IllegalArgumentException("--padding max_length needs --max-length"));
            requireLength(length, maxLength != null ? "--max-length" : "the tokenizer file's truncation max_length");
        }
        var special = tokenizer.specialTokens();
        return tokenizer.withPadding(new Padding(strategy, length, padToMultipleOf, Padding.Direction.RIGHT,
                special.padId(), 0, special.pad()));
    }

    private static void withinCap(String option, Integer value) {
        if (value != null && (value < 1 || value > MAX_TOKENS)) {
            throw new IllegalArgumentException(option + " must be between 1 and " + MAX_TOKENS + ", got " + value);
        }
    }

    private static void requireLength(int length, String source) {
        if (length > MAX_TOKENS) {
            throw new IllegalArgumentException(source + " is " + length + ", more than the " + MAX_TOKENS
                    + " tokens tokenize truncates or pads to; give a smaller --max-length");
        }
    }
}
