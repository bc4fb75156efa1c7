package dev.bert4j.pipeline.embedding;

import dev.bert4j.io.PoolingMode;
import dev.bert4j.io.SentenceTransformersConfig;
import dev.bert4j.kernels.Activation;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.model.PackedOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.pipeline.BatchPlanner;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings as sentence-transformers computes them: tokenize (truncating to
 * {@code max_seq_length}), encode, pool as {@code 1_Pooling} says, apply Dense modules, normalize when
 * the model has a Normalize module. Pooling and normalization can be overridden. Texts are sorted by length
 * and packed, without padding, into forward passes of a token budget ({@link BatchPlanner}); each result is
 * the same as when embedded alone, and results come back in input order. Immutable and thread-safe; the
 * compute context (threads) is given per call, as for the task pipelines.
 */
public final class SentenceEmbeddingPipeline {
    private final LoadedModel model;
    private final Tokenizer tokenizer;
    private final List<PoolingMode> pooling;
    private final boolean normalize;
    private final List<DenseLayer> dense;
    private final BatchPlanner planner;
    private final int maxLength;

    public SentenceEmbeddingPipeline(LoadedModel model) {
        this(model, defaults(model).poolingModes(), defaults(model).normalize(), BatchPlanner.DEFAULT);
    }

    private SentenceEmbeddingPipeline(LoadedModel model, List<PoolingMode> pooling,
                                      boolean normalize, BatchPlanner planner) {
        if (pooling.isEmpty()) {
            throw new PipelineInputException("at least one pooling mode is needed");
        }
        this.model = model;
        SentenceTransformersConfig st = defaults(model);
        int limit = Math.min(model.model().config().maxPositionEmbeddings(),
                st.maxSeqLength() == null ? Integer.MAX_VALUE : st.maxSeqLength());
        this.maxLength = limit;
        this.tokenizer = model.tokenizer().withoutPadding().withTruncation(Truncation.longestFirst(limit));
        this.pooling = List.copyOf(pooling);
        this.normalize = normalize;
        this.dense = st.dense().stream()
                .map(d -> new DenseLayer(new Linear(d.weight(), d.bias()), denseActivation(d.activationFunction())))
                .toList();
        this.planner = planner;
    }

    /** The model's sentence-transformers settings, or mean pooling without normalization for a plain model. */
    private static SentenceTransformersConfig defaults(LoadedModel m) {
        SentenceTransformersConfig st = m.directory().sentenceTransformers();
        return st != null ? st : SentenceTransformersConfig.of(PoolingMode.MEAN, false, null);
    }

    public SentenceEmbeddingPipeline withPooling(PoolingMode... modes) {
        return new SentenceEmbeddingPipeline(model, List.of(modes), normalize, planner);
    }

    public SentenceEmbeddingPipeline withNormalize(boolean on) {
        return new SentenceEmbeddingPipeline(model, pooling, on, planner);
    }

    /** At most {@code size} texts per forward pass (the token budget stays). */
    public SentenceEmbeddingPipeline withBatchSize(int size) {
        return withPlanner(new BatchPlanner(planner.maxTokens(), size));
    }

    /** Batches planned by {@code planner}: texts sorted by length, packed up to its token budget. */
    public SentenceEmbeddingPipeline withPlanner(BatchPlanner planner) {
        return new SentenceEmbeddingPipeline(model, pooling, normalize, planner);
    }

    public List<PoolingMode> pooling() {
        return pooling;
    }

    public boolean normalize() {
        return normalize;
    }

    public SentenceEmbedding embed(ComputeContext ctx, String text) {
        return embed(ctx, List.of(text)).getFirst();
    }

    public List<SentenceEmbedding> embed(ComputeContext ctx, List<String> texts) {
        List<Encoding> encodings = tokenizer.encodeBatch(texts);
        List<float[]> vectors = embedEncodings(ctx, encodings);
        List<SentenceEmbedding> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = encodings.get(i);
            out.add(new SentenceEmbedding(texts.get(i), vectors.get(i), e.length(), e.truncated()));
        }
        return out;
    }

    /**
     * The embeddings of inputs tokenized elsewhere (a server that counts, checks and truncates them itself),
     * in input order. Each encoding must be unpadded and fit the model ({@link #maxLength()}).
     */
    public List<float[]> embedEncodings(ComputeContext ctx, List<Encoding> encodings) {
        int C = model.model().config().hiddenSize();
        for (Encoding e : encodings) {
            if (e.length() > maxLength) {
                throw new PipelineInputException("an input of " + e.length() + " tokens is longer than the "
                        + maxLength + " this model embeds");
            }
        }
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        return Batching.runPacked(encodings, planner, (in, idx) -> {
            PackedOutput o = model.model().forwardPacked(ctx, in, ws);             // (N, C)
            int[] ones = new int[in.longest()];
            java.util.Arrays.fill(ones, 1);
            List<float[]> part = new ArrayList<>(idx.length);
            for (int b = 0; b < idx.length; b++) {
                float[] v = Pooling.pool(pooling, o.lastHiddenState(), in.starts()[b] * C, ones, 0, in.length(b), C);
                for (DenseLayer d : dense) {
                    v = d.forward(ctx, v);
                }
                if (normalize) {
                    Pooling.normalize(v);
                }
                part.add(v);
            }
            return part;
        });
    }

    /** The longest input embedded whole: {@code max_seq_length} of the sentence-transformers files, at most the positions. */
    public int maxLength() {
        return maxLength;
    }

    /** The length of the embeddings this pipeline returns. */
    public int dimensions() {
        return dense.isEmpty() ? pooling.size() * model.model().config().hiddenSize() : dense.getLast().linear().outFeatures();
    }

    /** A sentence-transformers Dense module, its weights packed once (a Linear is safe to share for inference). */
    private record DenseLayer(Linear linear, Activation activation) {
        float[] forward(ComputeContext ctx, float[] v) {
            if (linear.inFeatures() != v.length) {
                throw new PipelineInputException("the Dense module expects " + linear.inFeatures()
                        + " features but pooling produced " + v.length + "; check the pooling override");
            }
            float[] y = new float[linear.outFeatures()];
            linear.forward(ctx, y, v, 1, activation);
            return y;
        }
    }

    private static Activation denseActivation(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return switch (simple) {
            case "Identity" -> Activation.IDENTITY;
            case "Tanh" -> Activation.TANH;
            case "ReLU" -> Activation.RELU;
            case "GELU" -> Activation.GELU;
            case "SiLU" -> Activation.SILU;
            default -> throw new PipelineInputException("Dense activation_function '" + name + "' is not supported");
        };
    }
}
