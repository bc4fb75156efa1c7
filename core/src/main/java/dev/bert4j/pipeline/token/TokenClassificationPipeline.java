package dev.bert4j.pipeline.token;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.BatchPlanner;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * HF's {@code pipeline("token-classification")} ("ner"): tokenize (cut at the model's maximum length, or
 * with {@code stride} into overlapping windows from the tokenizer's overflow), run
 * {@link BertForTokenClassification} on every window, then {@link TokenClassificationPostprocessor}, which
 * merges the windows' entities. Offsets point into the original text. Immutable and thread-safe.
 */
public final class TokenClassificationPipeline {
    private final BertForTokenClassification model;
    private final Tokenizer tokenizer;
    private final TokenClassificationPostprocessor postprocessor;
    private final int maxLength;
    private final BatchPlanner planner;

    public TokenClassificationPipeline(BertForTokenClassification model, Tokenizer tokenizer) {
        this(model, tokenizer, BatchPlanner.DEFAULT);
    }

    private TokenClassificationPipeline(BertForTokenClassification model, Tokenizer tokenizer, BatchPlanner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = tokenizer.withoutTruncation().withoutPadding();
        this.postprocessor = new TokenClassificationPostprocessor(
                Batching.id2label(model.config(), model.numLabels()), new TokenizerStrings(this.tokenizer),
                tokenizer.specialTokens().unkId(), SubwordRule.CONTINUING_SUBWORD_PREFIX);
        this.maxLength = Batching.modelMaxLength(tokenizer, model.config());
    }

    /** The token-classification head and tokenizer of a model directory. */
    public static TokenClassificationPipeline load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        return new TokenClassificationPipeline(TaskHeads.load(md, BertForTokenClassification.class),
                Tokenizer.fromFile(dir));
    }

    /** Windows sorted by length and packed into the batches {@code planner} cuts (default {@link BatchPlanner#DEFAULT}). */
    public TokenClassificationPipeline withPlanner(BatchPlanner newPlanner) {
        return new TokenClassificationPipeline(model, tokenizer, newPlanner);
    }

    public List<Entity> run(ComputeContext ctx, String text, TokenClassificationOptions options) {
        return runBatch(ctx, List.of(text), options).getFirst();
    }

    /** The entities of each text, in input order; every text's windows are batched together. */
    public List<List<Entity>> runBatch(ComputeContext ctx, List<String> texts, TokenClassificationOptions options) {
        Tokenizer tok = tokenizer.withTruncation(truncation(options));
        List<Encoding> windows = new ArrayList<>();
        int[] firstWindow = new int[texts.size() + 1];
        for (int i = 0; i < texts.size(); i++) {
            firstWindow[i] = windows.size();
            Encoding e = tok.encode(Objects.requireNonNull(texts.get(i), "text"));
            windows.add(e);
            if (options.stride() != null) {
                windows.addAll(e.overflowing());   // HF: the encoding, then its overflowing windows
            }
        }
        firstWindow[texts.size()] = windows.size();
        List<TokenClassificationWindow> scored = score(ctx, windows);
        List<List<Entity>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(postprocessor.postprocess(texts.get(i), scored.subList(firstWindow[i], firstWindow[i + 1]),
                    options.aggregationStrategy(), options.ignoreLabels()));
        }
        return List.copyOf(out);
    }

    private Truncation truncation(TokenClassificationOptions options) {
        if (options.stride() == null) {
            return Truncation.longestFirst(maxLength);
        }
        int stride = options.stride();
        TokenClassificationPostprocessor.validateStride(stride, maxLength, options.aggregationStrategy());
        int room = maxLength - tokenizer.numSpecialTokensToAdd(false);
        if (stride >= room) {
            throw new PipelineInputException("`stride` (" + stride + ") must be less than the " + room
                    + " tokens of text a window holds (the model's maximum length " + maxLength
                    + " minus its special tokens)");
        }
        return Truncation.longestFirst(maxLength).withStride(stride);
    }

    private List<TokenClassificationWindow> score(ComputeContext ctx, List<Encoding> windows) {
        int L = model.numLabels();
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        List<TokenClassificationWindow> out = Batching.runPacked(windows, planner, (in, idx) -> {
            float[] logits = model.forwardPacked(ctx, in, ws);                          // (N, num_labels)
            List<TokenClassificationWindow> part = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                Encoding e = windows.get(idx[b]);
                boolean[] special = new boolean[e.length()];
                float[][] rows = new float[e.length()][];
                for (int i = 0; i < special.length; i++) {
                    special[i] = e.specialTokensMask()[i] != 0;
                    rows[i] = Batching.slice(logits, in.starts()[b] + i, 1, L);
                }
                part.add(new TokenClassificationWindow(rows, e.ids(), Batching.offsets(e), special));
            }
            return part;
        });
        return out;
    }
}
