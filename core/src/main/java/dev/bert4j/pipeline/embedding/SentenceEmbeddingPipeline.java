package dev.bert4j.pipeline.embedding;

import dev.bert4j.io.DenseModule;
import dev.bert4j.io.PoolingMode;
import dev.bert4j.io.SentenceTransformersConfig;
import dev.bert4j.kernels.Activation;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModelOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sentence embeddings as sentence-transformers computes them: tokenize (truncating to
 * {@code max_seq_length}), encode, pool as {@code 1_Pooling} says, apply Dense modules, normalize when
 * the model has a Normalize module. Pooling and normalization can be overridden. Texts are batched by
 * similar length; each result is the same as when embedded alone. Immutable and thread-safe; the
 * compute context (threads) is given per call, as for the task pipelines.
 */
public final class SentenceEmbeddingPipeline {
    private final LoadedModel model;
    private final Tokenizer tokenizer;
    private final List<PoolingMode> pooling;
    private final boolean normalize;
    private final List<DenseModule> dense;
    private final int batchSize;

    public SentenceEmbeddingPipeline(LoadedModel model) {
        this(model, defaults(model).poolingModes(), defaults(model).normalize(), 32);
    }

    private SentenceEmbeddingPipeline(LoadedModel model, List<PoolingMode> pooling,
                                      boolean normalize, int batchSize) {
        if (pooling.isEmpty()) {
            throw new PipelineInputException("at least one pooling mode is needed");
        }
        if (batchSize < 1) {
            throw new PipelineInputException("batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        SentenceTransformersConfig st = defaults(model);
        int limit = Math.min(model.model().config().maxPositionEmbeddings(),
                st.maxSeqLength() == null ? Integer.MAX_VALUE : st.maxSeqLength());
        this.tokenizer = model.tokenizer().withoutPadding().withTruncation(Truncation.longestFirst(limit));
        this.pooling = List.copyOf(pooling);
        this.normalize = normalize;
        this.dense = st.dense();
        this.batchSize = batchSize;
    }

    /** The model's sentence-transformers settings, or mean pooling without normalization for a plain model. */
    private static SentenceTransformersConfig defaults(LoadedModel m) {
        SentenceTransformersConfig st = m.directory().sentenceTransformers();
        return st != null ? st : SentenceTransformersConfig.of(PoolingMode.MEAN, false, null);
    }

    public SentenceEmbeddingPipeline withPooling(PoolingMode... modes) {
        return new SentenceEmbeddingPipeline(model, List.of(modes), normalize, batchSize);
    }

    public SentenceEmbeddingPipeline withNormalize(boolean on) {
        return new SentenceEmbeddingPipeline(model, pooling, on, batchSize);
    }

    public SentenceEmbeddingPipeline withBatchSize(int size) {
        return new SentenceEmbeddingPipeline(model, pooling, normalize, size);
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
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
        SentenceEmbedding[] out = new SentenceEmbedding[texts.size()];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<Integer> idx = new ArrayList<>();
            for (int k = start; k < end; k++) {
                idx.add(order[k]);
            }
            embedBatch(ctx, texts, encodings, idx, out);
        }
        return List.of(out);
    }

    private void embedBatch(ComputeContext ctx, List<String> texts, List<Encoding> encodings, List<Integer> idx,
                            SentenceEmbedding[] out) {
        BertInputs in = Inputs.of(encodings, idx);
        BertModelOutput o = model.model().forward(ctx, in);
        int T = in.seqLen();
        int C = model.model().config().hiddenSize();
        for (int b = 0; b < idx.size(); b++) {
            float[] v = Pooling.pool(pooling, o.lastHiddenState().data(), b * T * C, in.attentionMask(), b * T, T, C);
            for (DenseModule d : dense) {
                v = dense(ctx, d, v);
            }
            if (normalize) {
                Pooling.normalize(v);
            }
            Encoding e = encodings.get(idx.get(b));
            out[idx.get(b)] = new SentenceEmbedding(texts.get(idx.get(b)), v, e.length(), e.truncated());
        }
    }

    private float[] dense(ComputeContext ctx, DenseModule d, float[] v) {
        Linear linear = new Linear(d.weight(), d.bias());
        if (linear.inFeatures() != v.length) {
            throw new PipelineInputException("the Dense module expects " + linear.inFeatures()
                    + " features but pooling produced " + v.length + "; check the pooling override");
        }
        float[] y = new float[linear.outFeatures()];
        linear.forward(ctx, y, v, 1, denseActivation(d.activationFunction()));
        return y;
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
