package dev.bert4j.pipeline.classification;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForSequenceClassification;
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
 * HF's {@code pipeline("text-classification")}: tokenize a text or a text pair, run
 * {@link BertForSequenceClassification}, then {@link TextClassificationPostprocessor} with the config's
 * {@code id2label} and {@code problem_type}. Immutable and safe to share between threads.
 */
public final class TextClassificationPipeline {
    private final BertForSequenceClassification model;
    private final Tokenizer tokenizer;
    private final TextClassificationPostprocessor postprocessor;
    private final int maxLength;
    private final BatchPlanner planner;

    public TextClassificationPipeline(BertForSequenceClassification model, Tokenizer tokenizer) {
        this(model, tokenizer, BatchPlanner.DEFAULT);
    }

    private TextClassificationPipeline(BertForSequenceClassification model, Tokenizer tokenizer, BatchPlanner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = tokenizer.withoutTruncation().withoutPadding();
        this.postprocessor = new TextClassificationPostprocessor(
                Batching.id2label(model.config(), model.numLabels()), model.config().problemType());
        this.maxLength = Batching.modelMaxLength(tokenizer, model.config());
    }

    /** The sequence-classification head and tokenizer of a model directory. */
    public static TextClassificationPipeline load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        return new TextClassificationPipeline(TaskHeads.load(md, BertForSequenceClassification.class),
                Tokenizer.fromFile(dir));
    }

    /** Windows sorted by length and packed into the batches {@code planner} cuts (default {@link BatchPlanner#DEFAULT}). */
    public TextClassificationPipeline withPlanner(BatchPlanner newPlanner) {
        return new TextClassificationPipeline(model, tokenizer, newPlanner);
    }

    public List<LabelScore> run(ComputeContext ctx, String text, TextClassificationOptions options) {
        return run(ctx, text, null, options);
    }

    /** A text pair ({@code {"text": ..., "text_pair": ...}} in HF); {@code textPair} may be null. */
    public List<LabelScore> run(ComputeContext ctx, String text, String textPair, TextClassificationOptions options) {
        return runBatch(ctx, List.of(text), textPair == null ? null : List.of(textPair), options).getFirst();
    }

    /**
     * @param pairs null, or one entry per text (an entry may be null for a single text)
     * @return the selected labels of each input, in input order
     */
    public List<List<LabelScore>> runBatch(ComputeContext ctx, List<String> texts, List<String> pairs,
                                           TextClassificationOptions options) {
        if (pairs != null && pairs.size() != texts.size()) {
            throw new PipelineInputException("got " + pairs.size() + " text pairs for " + texts.size() + " texts");
        }
        Tokenizer tok = options.truncation() ? tokenizer.withTruncation(Truncation.longestFirst(maxLength)) : tokenizer;
        List<Encoding> encodings = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = tok.encode(Objects.requireNonNull(texts.get(i), "text"), pairs == null ? null : pairs.get(i));
            Batching.requireFits(e, maxLength, "text (use truncation to cut it)");
            encodings.add(e);
        }
        int L = model.numLabels();
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        List<List<LabelScore>> out = Batching.runPacked(encodings, planner, (in, idx) -> {
            float[] logits = model.forwardPacked(ctx, in, ws);                          // (B, num_labels)
            List<List<LabelScore>> part = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                part.add(postprocessor.postprocess(Batching.slice(logits, b, 1, L), options.functionToApply(),
                        options.topK()));
            }
            return part;
        });
        return List.copyOf(out);
    }
}
