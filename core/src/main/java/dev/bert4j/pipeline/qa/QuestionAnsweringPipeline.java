package dev.bert4j.pipeline.qa;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForQuestionAnswering;
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
import java.util.OptionalInt;

/**
 * HF's {@code pipeline("question-answering")}: the question and context encoded as a pair, the context
 * cut {@code only_second} into windows of {@code max_seq_len} tokens sharing {@code doc_stride} tokens
 * (the tokenizer's overflow), {@link BertForQuestionAnswering} on every window, then
 * {@link QuestionAnsweringPostprocessor} across the windows. Immutable and thread-safe.
 */
public final class QuestionAnsweringPipeline {
    private final BertForQuestionAnswering model;
    private final Tokenizer tokenizer;
    private final QuestionAnsweringPostprocessor postprocessor;
    private final int maxLength;
    private final BatchPlanner planner;

    public QuestionAnsweringPipeline(BertForQuestionAnswering model, Tokenizer tokenizer) {
        this(model, tokenizer, BatchPlanner.DEFAULT);
    }

    private QuestionAnsweringPipeline(BertForQuestionAnswering model, Tokenizer tokenizer, BatchPlanner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = tokenizer.withoutTruncation().withoutPadding();
        int cls = tokenizer.specialTokens().clsId();
        this.postprocessor = new QuestionAnsweringPostprocessor(cls < 0 ? OptionalInt.empty() : OptionalInt.of(cls));
        this.maxLength = Batching.modelMaxLength(tokenizer, model.config());
    }

    /** The question-answering head and tokenizer of a model directory. */
    public static QuestionAnsweringPipeline load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        return new QuestionAnsweringPipeline(TaskHeads.load(md, BertForQuestionAnswering.class),
                Tokenizer.fromFile(dir));
    }

    /** Windows sorted by length and packed into the batches {@code planner} cuts (default {@link BatchPlanner#DEFAULT}). */
    public QuestionAnsweringPipeline withPlanner(BatchPlanner newPlanner) {
        return new QuestionAnsweringPipeline(model, tokenizer, newPlanner);
    }

    /** HF's defaults for this model: {@code max_seq_len = min(model max length, 384)} and so on. */
    public QuestionAnsweringOptions defaultOptions() {
        return QuestionAnsweringOptions.defaults(maxLength);
    }

    public List<Answer> run(ComputeContext ctx, String question, String context, QuestionAnsweringOptions options) {
        return runBatch(ctx, List.of(new QuestionContext(question, context)), options).getFirst();
    }

    /** Up to {@code top_k} answers per input, best first, in input order. */
    public List<List<Answer>> runBatch(ComputeContext ctx, List<QuestionContext> inputs,
                                       QuestionAnsweringOptions options) {
        if (options.maxSeqLen() > maxLength) {
            throw new PipelineInputException("max_seq_len (" + options.maxSeqLen() + ") is more than the "
                    + maxLength + " tokens the model accepts");
        }
        Tokenizer tok = tokenizer.withTruncation(new Truncation(Truncation.Strategy.ONLY_SECOND,
                options.maxSeqLen(), options.docStride(), Truncation.Direction.RIGHT));
        List<Encoding> windows = new ArrayList<>();
        int[] firstWindow = new int[inputs.size() + 1];
        for (int i = 0; i < inputs.size(); i++) {
            firstWindow[i] = windows.size();
            windows.addAll(encode(tok, inputs.get(i), options));
        }
        firstWindow[inputs.size()] = windows.size();
        List<QuestionAnsweringWindow> scored = score(ctx, windows);
        List<List<Answer>> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(postprocessor.postprocess(inputs.get(i).context(),
                    scored.subList(firstWindow[i], firstWindow[i + 1]), options));
        }
        return List.copyOf(out);
    }

    /** The encoding and its overflowing windows, as HF's fast-tokenizer path takes them. */
    private static List<Encoding> encode(Tokenizer tok, QuestionContext input, QuestionAnsweringOptions options) {
        QuestionAnsweringPostprocessor.validateInputs(input.question(), input.context());
        Encoding e;
        try {
            e = tok.encode(input.question(), input.context());
        } catch (IllegalArgumentException cut) {
            throw new PipelineInputException("cannot fit the question and a piece of the context into max_seq_len "
                    + options.maxSeqLen() + " tokens with doc_stride " + options.docStride() + " (" + cut.getMessage()
                    + "); shorten the question, lower doc_stride or raise max_seq_len");
        }
        List<Encoding> out = new ArrayList<>();
        out.add(e);
        out.addAll(e.overflowing());
        return out;
    }

    private List<QuestionAnsweringWindow> score(ComputeContext ctx, List<Encoding> windows) {
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        List<QuestionAnsweringWindow> out = Batching.runPacked(windows, planner, (in, idx) -> {
            float[] logits = model.forwardPacked(ctx, in, ws);                          // (N, 2): start | end
            List<QuestionAnsweringWindow> part = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                Encoding e = windows.get(idx[b]);
                float[] start = new float[e.length()];
                float[] end = new float[e.length()];
                for (int i = 0; i < start.length; i++) {
                    start[i] = logits[2 * (in.starts()[b] + i)];
                    end[i] = logits[2 * (in.starts()[b] + i) + 1];
                }
                part.add(new QuestionAnsweringWindow(e.ids(), e.sequenceIds(), Batching.offsets(e), e.wordIds(),
                        start, end));
            }
            return part;
        });
        return out;
    }
}
