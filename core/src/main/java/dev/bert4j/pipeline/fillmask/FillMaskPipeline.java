package dev.bert4j.pipeline.fillmask;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.model.PackedOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * HF's {@code pipeline("fill-mask")}: tokenize, run the encoder, score the vocabulary at each
 * {@code [MASK]} with {@code cls.predictions}, then {@link FillMaskPostprocessor}. Only the mask positions
 * go through the (vocabulary-sized) decoder. Texts are not truncated, as in HF: one longer than the model
 * accepts is an error. Immutable and safe to share between threads; the caller supplies the context.
 */
public final class FillMaskPipeline {
    private final BertForMaskedLM model;
    private final Tokenizer tokenizer;
    private final FillMaskPostprocessor postprocessor;
    private final int maxLength;
    private final int padId;

    public FillMaskPipeline(BertForMaskedLM model, Tokenizer tokenizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = tokenizer.withoutTruncation().withoutPadding();
        int maskId = tokenizer.specialTokens().maskId();
        if (maskId < 0) {
            throw new IllegalArgumentException("the tokenizer has no mask token; fill-mask needs one ([MASK])");
        }
        this.padId = Batching.padId(tokenizer, model.config());
        this.postprocessor = new FillMaskPostprocessor(this.tokenizer::decode, maskId, OptionalInt.of(padId));
        this.maxLength = Batching.modelMaxLength(tokenizer, model.config());
    }

    /** The masked-LM head and tokenizer of a model directory. */
    public static FillMaskPipeline load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        return new FillMaskPipeline(TaskHeads.load(md, BertForMaskedLM.class), Tokenizer.fromFile(dir));
    }

    /** HF's {@code targets} resolution, with its warnings (for the caller to show). */
    public ResolvedTargets resolveTargets(List<String> targets) {
        return FillMaskTargets.resolve(targets, new TokenizerVocabulary(tokenizer));
    }

    /** One list of candidates per {@code [MASK]} of {@code text}, best first. */
    public List<List<MaskPrediction>> run(ComputeContext ctx, String text, FillMaskOptions options) {
        return runBatch(ctx, List.of(text), options).getFirst();
    }

    public List<List<List<MaskPrediction>>> runBatch(ComputeContext ctx, List<String> texts, FillMaskOptions options) {
        ResolvedTargets targets = options.targets() == null ? null : resolveTargets(options.targets());
        List<Encoding> encodings = new ArrayList<>();
        for (String text : texts) {
            Encoding e = tokenizer.encode(text);
            postprocessor.maskPositions(e.ids());                  // no [MASK]: a clear error before any work
            Batching.requireFits(e, maxLength, "text");
            encodings.add(e);
        }
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        List<List<List<MaskPrediction>>> out = Batching.runPacked(encodings, (in, idx) -> {
            PackedOutput hidden = model.bert().forwardPacked(ctx, in, ws);        // (N, C)
            List<List<List<MaskPrediction>>> part = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                int[] ids = encodings.get(idx[b]).ids();
                float[][] maskLogits = maskLogits(ctx, hidden, b, postprocessor.maskPositions(ids));
                part.add(postprocessor.postprocess(ids, maskLogits, options.topK(), targets));
            }
            return part;
        });
        return List.copyOf(out);
    }

    /** scores (masks, V) = cls.predictions(last_hidden_state rows of sequence b at positions). */
    private float[][] maskLogits(ComputeContext ctx, PackedOutput hidden, int b, int[] positions) {
        int C = hidden.hiddenSize();
        float[] rows = new float[positions.length * C];                          // (masks, C)
        for (int m = 0; m < positions.length; m++) {
            System.arraycopy(hidden.lastHiddenState(), (hidden.starts()[b] + positions[m]) * C, rows, m * C, C);
        }
        float[] scores = model.cls().forward(ctx, rows, positions.length);       // (masks, V)
        int V = scores.length / positions.length;
        float[][] out = new float[positions.length][V];
        for (int m = 0; m < positions.length; m++) {
            System.arraycopy(scores, m * V, out[m], 0, V);
        }
        return out;
    }

    /** The tokenizer as {@link TargetVocabulary}. */
    private record TokenizerVocabulary(Tokenizer tokenizer) implements TargetVocabulary {
        @Override
        public OptionalInt tokenToId(String token) {
            int id = tokenizer.tokenToId(token);
            return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public int[] encodeWithoutSpecialTokens(String text) {
            Encoding e = tokenizer.encode(text);
            return java.util.stream.IntStream.range(0, e.length()).filter(i -> e.sequenceIds()[i] >= 0)
                    .map(i -> e.ids()[i]).toArray();
        }

        @Override
        public String idToToken(int id) {
            return tokenizer.idToToken(id);
        }
    }
}
