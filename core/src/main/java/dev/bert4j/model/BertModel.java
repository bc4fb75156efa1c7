package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BERT encoder: {@link BertEmbeddings} → {@link BertEncoder} → optional {@link BertPooler}.
 * Immutable once built and safe to share between threads; per-call scratch lives in a
 * {@link BertWorkspace}.
 */
public final class BertModel {
    /** The additive mask value of padding keys: HF's {@code torch.finfo(float32).min}. */
    static final float MASK_MIN = -Float.MAX_VALUE;

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final BertPooler pooler;

    private BertModel(BertConfig config, StateDictReader w) {
        this.config = config;
        embeddings = new BertEmbeddings(config, w);
        encoder = new BertEncoder(config, w);
        boolean hasW = w.has("pooler.dense.weight");
        boolean hasB = w.has("pooler.dense.bias");
        if (hasW != hasB) {
            throw new WeightLoadException(WeightLoadException.Kind.MISSING, w.prefix() + "pooler.dense."
                    + (hasW ? "bias" : "weight"), "the pooler has only its " + (hasW ? "weight" : "bias")
                    + "; a checkpoint needs both pooler.dense.weight and pooler.dense.bias or neither");
        }
        pooler = hasW ? new BertPooler(config, w) : null;
        w.finish();
    }

    /**
     * Builds a model from HF-named weights (with or without the {@code bert.} prefix), strictly: every
     * weight the config implies must be present with its shape, and nothing else may be left over
     * except {@link StateDictReader#IGNORABLE_SUFFIXES} and task heads. The pooler is optional.
     */
    public static BertModel fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertModel(config, new StateDictReader(weights));
    }

    public BertConfig config() {
        return config;
    }

    public boolean hasPooler() {
        return pooler != null;
    }

    /**
     * The weights by HF name (no prefix), in module order; the tensors share the parameters' arrays, except
     * query/key/value, which are copies of their blocks of the fused projection.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        embeddings.stateDict(out);
        encoder.stateDict(out);
        if (pooler != null) {
            pooler.stateDict(out);
        }
        return out;
    }

    public BertModelOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, ForwardOptions.DEFAULT, new BertWorkspace());
    }

    public BertModelOutput forward(ComputeContext ctx, BertInputs inputs, ForwardOptions opts) {
        return forward(ctx, inputs, opts, new BertWorkspace());
    }

    /**
     * The forward pass. With {@code opts.keepCache()} it takes the training path: dropout when the context
     * is training, and the activations {@link #backward} needs kept in {@link BertModelOutput#cache()}.
     */
    public BertModelOutput forward(ComputeContext ctx, BertInputs in, ForwardOptions opts, BertWorkspace ws) {
        validate(in);
        int B = in.batchSize();
        int T = in.seqLen();
        int C = config.hiddenSize();
        ws.prepare(config, B, T);
        for (int r = 0; r < B * T; r++) {
            ws.maskBias[r] = in.attentionMask()[r] != 0 ? 0f : MASK_MIN;    // (1 - mask) * min
        }
        float[] hidden = ws.hidden;
        BertEmbeddings.Cache embCache = null;
        if (opts.keepCache()) {
            embCache = embeddings.forwardTrain(ctx, hidden, in);           // (B*T, C), dropout when training
        } else {
            embeddings.forward(ctx, hidden, in);                           // (B*T, C)
        }
        List<Tensor> hiddenStates = opts.outputHiddenStates() ? new ArrayList<>() : null;
        if (hiddenStates != null) {
            hiddenStates.add(new Tensor(new int[] {B, T, C}, Arrays.copyOf(hidden, B * T * C)));
        }
        List<Tensor> attentions = opts.outputAttentions() ? new ArrayList<>() : null;
        List<BertLayerCache> caches = opts.keepCache() ? new ArrayList<>() : null;
        encoder.forward(ctx, ws, hidden, opts, hiddenStates, attentions, caches);  // (B*T, C)
        Tensor last = new Tensor(new int[] {B, T, C}, Arrays.copyOf(hidden, B * T * C));
        Tensor pooled = pooler == null ? null : new Tensor(new int[] {B, C}, pooler.forward(ctx, hidden, B, T));
        BertForwardCache cache = caches == null ? null : new BertForwardCache(in, embCache, caches, last.data(),
                pooled == null ? null : pooled.data());
        return new BertModelOutput(last, pooled,
                hiddenStates == null ? null : List.copyOf(hiddenStates),
                attentions == null ? null : List.copyOf(attentions), cache);
    }

    /** {@link #forwardPacked(ComputeContext, PackedInputs, BertWorkspace)} with a fresh workspace. */
    public PackedOutput forwardPacked(ComputeContext ctx, PackedInputs in) {
        return forwardPacked(ctx, in, new BertWorkspace());
    }

    /**
     * The inference forward over a packed batch: the same numbers as {@link #forward} gives for the real
     * tokens of each sequence padded alone, without computing any padding.
     */
    public PackedOutput forwardPacked(ComputeContext ctx, PackedInputs in, BertWorkspace ws) {
        if (in.longest() > config.maxPositionEmbeddings()) {
            throw new BertInputException("sequence length " + in.longest() + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings() + "; truncate the input (the tokenizer's truncation does this)");
        }
        checkRange("input_ids", in.inputIds(), config.vocabSize(), "vocab_size");
        checkRange("token_type_ids", in.tokenTypeIds(), config.typeVocabSize(), "type_vocab_size");
        int N = in.tokens();
        int C = config.hiddenSize();
        ws.preparePacked(config, in.starts());
        embeddings.forwardPacked(ctx, ws.hidden, in);                                 // (N, C)
        encoder.forward(ctx, ws, ws.hidden, ForwardOptions.DEFAULT, null, null, null); // (N, C)
        float[] pooled = pooler == null ? null : pooler.forwardPacked(ctx, ws.hidden, in.starts());  // (B, C)
        return new PackedOutput(Arrays.copyOf(ws.hidden, N * C), pooled, in.starts(), C);
    }

    /**
     * The backward pass over a forward kept with {@link ForwardOptions#keepCache()}: adds into every
     * parameter's gradient.
     *
     * @param dLast   (B*T, C) gradient of the last hidden state, or null when the head did not read it
     * @param dPooled (B, C) gradient of the pooler output, or null
     */
    public void backward(ComputeContext ctx, BertForwardCache cache, float[] dLast, float[] dPooled) {
        if (cache == null) {
            throw new IllegalArgumentException("backward needs the forward's cache: run forward with keepCache");
        }
        BertInputs in = cache.inputs();
        int B = in.batchSize();
        int T = in.seqLen();
        float[] d = dLast == null ? new float[B * T * config.hiddenSize()] : dLast.clone();     // (B*T, C)
        if (dPooled != null) {
            if (pooler == null) {
                throw new IllegalStateException("this model has no pooler");
            }
            pooler.backward(ctx, d, dPooled, cache.pooled(), cache.last(), B, T);
        }
        d = encoder.backward(ctx, cache.layers(), d, B, T);                                   // (B*T, C)
        embeddings.backward(ctx, cache.embeddings(), d, in);
    }

    /** Every parameter by HF name (no prefix), in module order; query/key/value are views of the fused projection. */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        embeddings.parameters(out);
        encoder.parameters(out);
        if (pooler != null) {
            pooler.parameters(out);
        }
        return out;
    }

    /** The word embedding table, shared by the masked-LM decoder. */
    Parameter wordEmbeddings() {
        return embeddings.wordEmbeddingParameter();
    }

    private void validate(BertInputs in) {
        if (in.seqLen() > config.maxPositionEmbeddings()) {
            throw new BertInputException("sequence length " + in.seqLen() + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings() + "; truncate the input (the tokenizer's truncation does this)");
        }
        checkRange("input_ids", in.inputIds(), config.vocabSize(), "vocab_size");
        checkRange("token_type_ids", in.tokenTypeIds(), config.typeVocabSize(), "type_vocab_size");
    }

    private static void checkRange(String name, int[] ids, int limit, String key) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= limit) {
                throw new BertInputException(name + "[" + i + "] = " + ids[i] + " is outside [0, " + limit
                        + ") given by " + key + "; was the input made with this model's tokenizer?");
            }
        }
    }
}
