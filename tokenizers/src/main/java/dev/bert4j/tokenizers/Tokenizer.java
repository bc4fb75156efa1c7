package dev.bert4j.tokenizers;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A BERT tokenizer identical to Hugging Face {@code tokenizers}: added tokens, {@code BertNormalizer},
 * {@code BertPreTokenizer}, {@code WordPiece}, {@code TemplateProcessing}, truncation with overflow windows,
 * padding, and the WordPiece decoder.
 *
 * <p>Immutable and safe to share between threads; {@code with*} methods return modified copies.
 */
public final class Tokenizer {
    private final TextStage pipeline;
    private final TemplateProcessing postProcessor;
    private final TokenDecoder decoder;
    private final Truncation truncation;
    private final Padding padding;
    private final SpecialTokens specialTokens;
    private final OptionalInt modelMaxLength;

    Tokenizer(TextStage pipeline, TemplateProcessing postProcessor, TokenDecoder decoder, Truncation truncation,
              Padding padding, SpecialTokens specialTokens, OptionalInt modelMaxLength) {
        this.pipeline = pipeline;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
        this.truncation = truncation;
        this.padding = padding;
        this.specialTokens = specialTokens;
        this.modelMaxLength = modelMaxLength;
    }

    /**
     * Loads a {@code tokenizer.json}, or a model directory: its {@code tokenizer.json} if present, else
     * {@code vocab.txt} with {@code tokenizer_config.json} (and {@code special_tokens_map.json}).
     *
     * @throws TokenizerException when the file is missing or malformed (the message names file and field)
     */
    public static Tokenizer fromFile(Path path) {
        return TokenizerFiles.load(path);
    }

    /**
     * {@link #fromFile(Path)}, keeping a compiled form of a WordPiece {@code tokenizer.json} in {@code cache}: the
     * first load writes it, later loads of the same file contents read it instead of parsing the JSON, with
     * identical results. A cache entry that is missing, stale, damaged or cannot be written is passed over
     * silently and the JSON read as usual.
     */
    public static Tokenizer fromFile(Path path, TokenizerCache cache) {
        Objects.requireNonNull(cache, "cache (use fromFile(path) for none)");
        return TokenizerFiles.load(path, cache);
    }

    /** Loads a {@code tokenizer.json} from a stream; {@code sourceName} names it in error messages. */
    public static Tokenizer fromJson(InputStream in, String sourceName) {
        return TokenizerFiles.fromJson(in, sourceName, OptionalInt.empty());
    }

    public Encoding encode(String text) {
        return encode(text, null);
    }

    /** Encodes a text and an optional pair text ({@code pair} may be null). */
    public Encoding encode(String text, String pair) {
        Objects.requireNonNull(text, "text to encode must not be null");
        TokenSequence a = pipeline.tokenize(text);
        TokenSequence b = pair == null ? null : pipeline.tokenize(pair);
        Encoding e = postProcess(a, b);
        return padding == null ? e : Padder.pad(e, padding.targetLength(e.length()), padding);
    }

    public List<Encoding> encodeBatch(List<String> texts) {
        return encodeBatch(texts, (List<String>) null);
    }

    /** Encodes texts with optional pairs ({@code pairs} null, or one entry per text, entries may be null). */
    public List<Encoding> encodeBatch(List<String> texts, List<String> pairs) {
        checkBatch(texts, pairs);
        List<Encoding> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) out.add(encode(texts.get(i), pairs == null ? null : pairs.get(i)));
        return padBatch(out);
    }

    public List<Encoding> encodeBatch(List<String> texts, ExecutorService executor) {
        return encodeBatch(texts, null, executor);
    }

    /** Encodes in parallel on {@code executor}, in chunks; the result is in input order. */
    public List<Encoding> encodeBatch(List<String> texts, List<String> pairs, ExecutorService executor) {
        checkBatch(texts, pairs);
        Objects.requireNonNull(executor, "executor");
        int n = texts.size();
        int chunks = Math.min(n, Math.max(1, Runtime.getRuntime().availableProcessors() * 4));
        Encoding[] result = new Encoding[n];
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(executor.submit(() -> {
                for (int i = from; i < to; i++) {
                    result[i] = encode(texts.get(i), pairs == null ? null : pairs.get(i));
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException("encoding a batch failed", e.getCause());
            }
        }
        return padBatch(new ArrayList<>(List.of(result)));
    }

    private static void checkBatch(List<String> texts, List<String> pairs) {
        Objects.requireNonNull(texts, "texts to encode must not be null");
        if (pairs != null && pairs.size() != texts.size()) {
            throw new IllegalArgumentException("pairs has " + pairs.size() + " entries but texts has " + texts.size());
        }
    }

    private List<Encoding> padBatch(List<Encoding> encodings) {
        if (padding == null || encodings.isEmpty()) return List.copyOf(encodings);
        int longest = 0;
        for (Encoding e : encodings) longest = Math.max(longest, e.length());
        int target = padding.targetLength(longest);
        List<Encoding> out = new ArrayList<>(encodings.size());
        for (Encoding e : encodings) out.add(Padder.pad(e, target, padding));
        return List.copyOf(out);
    }

    private Encoding postProcess(TokenSequence a, TokenSequence b) {
        List<TemplateProcessing.Span> aw = List.of(new TemplateProcessing.Span(a, 0, a.size()));
        List<TemplateProcessing.Span> bw = b == null ? null : List.of(new TemplateProcessing.Span(b, 0, b.size()));
        if (truncation != null) {
            int nAdded = postProcessor.addedTokens(b != null);
            if (truncation.maxLength() < nAdded) {
                throw new IllegalArgumentException("truncation maxLength " + truncation.maxLength()
                        + " is smaller than the " + nAdded + " special tokens the template adds");
            }
            int[] target = Truncator.targetLengths(truncation, truncation.maxLength() - nAdded, a.size(),
                    b == null ? -1 : b.size());
            if (target != null) {
                aw = spans(a, target[0]);
                if (b != null) bw = spans(b, target[1]);
            }
        }
        return postProcessor.process(aw, bw);
    }

    private List<TemplateProcessing.Span> spans(TokenSequence s, int keep) {
        List<TemplateProcessing.Span> out = new ArrayList<>();
        for (int[] w : Truncator.windows(s.size(), keep, truncation.stride(), truncation.direction())) {
            out.add(new TemplateProcessing.Span(s, w[0], w[1]));
        }
        return out;
    }

    public Tokenizer withTruncation(Truncation t) {
        Objects.requireNonNull(t, "truncation (use withoutTruncation() to turn it off)");
        return new Tokenizer(pipeline, postProcessor, decoder, t, padding, specialTokens, modelMaxLength);
    }

    public Tokenizer withoutTruncation() {
        return new Tokenizer(pipeline, postProcessor, decoder, null, padding, specialTokens, modelMaxLength);
    }

    public Tokenizer withPadding(Padding p) {
        Objects.requireNonNull(p, "padding (use withoutPadding() to turn it off)");
        return new Tokenizer(pipeline, postProcessor, decoder, truncation, p, specialTokens, modelMaxLength);
    }

    public Tokenizer withoutPadding() {
        return new Tokenizer(pipeline, postProcessor, decoder, truncation, null, specialTokens, modelMaxLength);
    }

    TextStage pipeline() {
        return pipeline;
    }

    public Optional<Truncation> truncation() {
        return Optional.ofNullable(truncation);
    }

    public Optional<Padding> padding() {
        return Optional.ofNullable(padding);
    }

    /** Decodes ids back to text as Hugging Face does; unknown ids are skipped. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        Objects.requireNonNull(ids, "ids to decode must not be null");
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            String token = pipeline.idToToken(id);
            if (token == null) continue;
            if (skipSpecialTokens && pipeline.isSpecial(token)) continue;
            tokens.add(token);
        }
        return decoder.decode(tokens);
    }

    /** The id of {@code token} (added tokens first, then the vocabulary), or -1. */
    public int tokenToId(String token) {
        return pipeline.tokenToId(token);
    }

    /** The token of {@code id}, or null when there is none. */
    public String idToToken(int id) {
        return pipeline.idToToken(id);
    }

    /** Vocabulary size including added tokens that are not in the model vocabulary. */
    public int vocabSize() {
        return pipeline.vocabSize();
    }

    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** {@code model_max_length} from {@code tokenizer_config.json}, when it was given and is not the "unset" sentinel. */
    public OptionalInt modelMaxLength() {
        return modelMaxLength;
    }

    /** How many special tokens the post-processor adds to a single text or a pair. */
    public int numSpecialTokensToAdd(boolean pair) {
        return postProcessor.addedTokens(pair);
    }

    @Override
    public String toString() {
        return "Tokenizer[vocab=" + vocabSize() + ", truncation=" + truncation + ", padding=" + padding + "]";
    }
}
