package dev.bert4j.pipeline.nsp;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForNextSentencePrediction;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether sentence B follows sentence A: the pair through {@link BertForNextSentencePrediction}, then
 * {@link NextSentencePostprocessor}. Transformers has no pipeline for this; the inputs are encoded as a pair
 * ({@code [CLS] A [SEP] B [SEP]}), as the head was trained. A pair longer than the model accepts is an
 * error. Immutable and thread-safe.
 */
public final class NextSentencePipeline {
    private final BertForNextSentencePrediction model;
    private final Tokenizer tokenizer;
    private final int maxLength;

    public NextSentencePipeline(BertForNextSentencePrediction model, Tokenizer tokenizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = tokenizer.withoutTruncation().withoutPadding();
        this.maxLength = Batching.modelMaxLength(tokenizer, model.config());
    }

    /** The next-sentence head (a pre-training checkpoint's, too) and tokenizer of a model directory. */
    public static NextSentencePipeline load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        return new NextSentencePipeline(TaskHeads.load(md, BertForNextSentencePrediction.class),
                Tokenizer.fromFile(dir));
    }

    public NextSentence run(ComputeContext ctx, String first, String second) {
        return runBatch(ctx, List.of(first), List.of(second)).getFirst();
    }

    public List<NextSentence> runBatch(ComputeContext ctx, List<String> firsts, List<String> seconds) {
        if (firsts.size() != seconds.size()) {
            throw new PipelineInputException("got " + seconds.size() + " second sentences for " + firsts.size()
                    + " first sentences");
        }
        List<Encoding> encodings = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            requireText("first sentence", firsts.get(i));
            requireText("second sentence", seconds.get(i));
            Encoding e = tokenizer.encode(firsts.get(i), seconds.get(i));
            Batching.requireFits(e, maxLength, "sentence pair");
            encodings.add(e);
        }
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        List<NextSentence> out = Batching.runPacked(encodings, (in, idx) -> {
            float[] logits = model.forwardPacked(ctx, in, ws);                          // (B, 2)
            List<NextSentence> part = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                part.add(NextSentencePostprocessor.postprocess(Batching.slice(logits, b, 1, 2)));
            }
            return part;
        });
        return List.copyOf(out);
    }

    private static void requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new PipelineInputException("the " + what + " is empty; give two sentences");
        }
    }
}
