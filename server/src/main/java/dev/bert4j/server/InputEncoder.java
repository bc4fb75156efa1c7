package dev.bert4j.server;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.SpecialTokens;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes and checks a request's inputs on the request's own thread, before anything is queued: empty
 * inputs, ids outside the vocabulary, and inputs longer than the model's limit without truncation are 422s
 * here, so the model only ever sees inputs it accepts. Truncation cuts on the side the request names.
 */
final class InputEncoder {
    private final Tokenizer tokenizer;
    private final int maxLength;
    private final ServerMetrics metrics;

    InputEncoder(Tokenizer tokenizer, int maxLength, ServerMetrics metrics) {
        this.tokenizer = tokenizer.withoutPadding().withoutTruncation();
        this.maxLength = maxLength;
        this.metrics = metrics;
    }

    int maxLength() {
        return maxLength;
    }

    /** Encodings of {@code inputs} with special tokens, each at most {@link #maxLength()} tokens. */
    List<Encoding> encode(List<Input> inputs, boolean truncate, Truncation.Direction direction) {
        List<Encoding> out = new ArrayList<>(inputs.size());
        Tokenizer cutting = tokenizer.withTruncation(new Truncation(Truncation.Strategy.LONGEST_FIRST, maxLength, 0,
                direction));
        for (Input in : inputs) {
            Encoding e = switch (in) {
                case Input.Text t -> {
                    requireNonEmpty(t.text());
                    yield check(truncate ? cutting.encode(t.text()) : tokenizer.encode(t.text()), truncate);
                }
                case Input.Ids ids -> fromIds(ids.ids(), truncate, direction);
            };
            metrics.inputLength(e.length());
            out.add(e);
        }
        return out;
    }

    /** A text pair ({@code [CLS] a [SEP] b [SEP]}), truncated longest first when asked. */
    Encoding encodePair(String a, String b, boolean truncate, Truncation.Direction direction) {
        requireNonEmpty(a);
        requireNonEmpty(b);
        Tokenizer t = truncate ? tokenizer.withTruncation(new Truncation(Truncation.Strategy.LONGEST_FIRST, maxLength,
                0, direction)) : tokenizer;
        Encoding e = check(t.encode(a, b), truncate);
        metrics.inputLength(e.length());
        return e;
    }

    private Encoding check(Encoding e, boolean truncate) {
        if (!truncate && e.length() > maxLength) {
            throw ApiException.validation("Input validation error: `inputs` must have less than " + maxLength
                    + " tokens. Given: " + e.length());
        }
        return e;
    }

    private static void requireNonEmpty(String text) {
        if (text.isEmpty()) {
            throw ApiException.validation("`inputs` cannot be empty");
        }
    }

    /** Ids the client tokenized: taken as they are (no special tokens added), checked against the vocabulary. */
    private Encoding fromIds(int[] ids, boolean truncate, Truncation.Direction direction) {
        if (ids.length == 0) {
            throw ApiException.validation("`inputs` cannot be empty");
        }
        int vocab = tokenizer.vocabSize();
        for (int id : ids) {
            if (id >= vocab) {
                throw ApiException.validation("token id " + id + " is outside the vocabulary of " + vocab + " tokens");
            }
        }
        if (ids.length > maxLength) {
            if (!truncate) {
                throw ApiException.validation("Input validation error: `inputs` must have less than " + maxLength
                        + " tokens. Given: " + ids.length);
            }
            ids = direction == Truncation.Direction.RIGHT ? Arrays.copyOf(ids, maxLength)
                    : Arrays.copyOfRange(ids, ids.length - maxLength, ids.length);
        }
        int n = ids.length;
        String[] tokens = new String[n];
        int[] special = new int[n];
        int[] ones = new int[n];
        int[] none = new int[n];
        SpecialTokens s = tokenizer.specialTokens();
        for (int i = 0; i < n; i++) {
            tokens[i] = tokenizer.idToToken(ids[i]);
            int id = ids[i];
            special[i] = id == s.clsId() || id == s.sepId() || id == s.padId() || id == s.maskId() ? 1 : 0;
            ones[i] = 1;
            none[i] = -1;
        }
        return new Encoding(ids, tokens, new int[n], ones, special, none.clone(), new int[n], new int[2 * n], List.of());
    }

    /** The tokens of {@code text} for {@code /tokenize}: not truncated, special tokens only when asked. */
    Encoding tokenizeOnly(String text, boolean addSpecialTokens) {
        Encoding e = tokenizer.encode(text);
        if (addSpecialTokens) {
            return e;
        }
        int[] keep = java.util.stream.IntStream.range(0, e.length()).filter(i -> e.sequenceIds()[i] >= 0).toArray();
        int n = keep.length;
        int[] ids = new int[n];
        String[] tokens = new String[n];
        int[] offsets = new int[2 * n];
        int[] words = new int[n];
        for (int k = 0; k < n; k++) {
            int i = keep[k];
            ids[k] = e.ids()[i];
            tokens[k] = e.tokens()[i];
            offsets[2 * k] = e.start(i);
            offsets[2 * k + 1] = e.end(i);
            words[k] = e.wordIds()[i];
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        return new Encoding(ids, tokens, new int[n], ones, new int[n], words, new int[n], offsets, List.of());
    }

    /** Tokens of an input as counted for usage: the encoding's length, specials included. */
    static int tokens(List<Encoding> encodings) {
        return encodings.stream().mapToInt(Encoding::length).sum();
    }
}
