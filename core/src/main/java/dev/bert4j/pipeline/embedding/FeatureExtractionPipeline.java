package dev.bert4j.pipeline.embedding;

import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModelOutput;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.PackedOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.List;

/**
 * Token vectors ({@code last_hidden_state}) for a text or a text pair, optionally with every layer's
 * hidden states and attention probabilities. Inputs longer than {@code max_position_embeddings} are
 * truncated (longest first) and flagged.
 */
public final class FeatureExtractionPipeline {
    private final LoadedModel model;
    private final Tokenizer tokenizer;

    public FeatureExtractionPipeline(LoadedModel model) {
        this.model = model;
        this.tokenizer = model.tokenizer().withoutPadding()
                .withTruncation(Truncation.longestFirst(model.model().config().maxPositionEmbeddings()));
    }

    public TokenFeatures extract(ComputeContext ctx, String text, boolean hiddenStates, boolean attentions) {
        return run(ctx, tokenizer.encode(text), hiddenStates, attentions);
    }

    public TokenFeatures extract(ComputeContext ctx, String text, String pair, boolean hiddenStates,
                                 boolean attentions) {
        return run(ctx, tokenizer.encode(text, pair), hiddenStates, attentions);
    }

    /**
     * The last hidden states of many texts (with their pairs, null where a text has none), in input order: the
     * encodings sorted by length and packed without padding ({@link Batching#runPacked}), as the other pipelines
     * run. Each answer is the one {@link #extract} gives without hidden states and attentions.
     */
    public List<TokenFeatures> extractAll(ComputeContext ctx, List<String> texts, List<String> pairs) {
        if (pairs != null && pairs.size() != texts.size()) {
            throw new PipelineInputException(texts.size() + " texts but " + pairs.size() + " pairs; give one pair"
                    + " (or null) per text");
        }
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String pair = pairs == null ? null : pairs.get(i);
            encodings.add(pair == null ? tokenizer.encode(texts.get(i)) : tokenizer.encode(texts.get(i), pair));
        }
        int C = model.model().config().hiddenSize();
        BertWorkspace ws = new BertWorkspace();        // one set of activation buffers for all batches
        return Batching.runPacked(encodings, (in, idx) -> {
            PackedOutput o = model.model().forwardPacked(ctx, in, ws);
            List<TokenFeatures> part = new ArrayList<>(idx.length);
            for (int b = 0; b < idx.length; b++) {
                Encoding e = encodings.get(idx[b]);
                float[] rows = Batching.slice(o.lastHiddenState(), in.starts()[b], in.length(b), C);
                part.add(new TokenFeatures(e.tokens().clone(), new Tensor(new int[] {in.length(b), C}, rows), null,
                        null, e.truncated()));
            }
            return part;
        });
    }

    private TokenFeatures run(ComputeContext ctx, Encoding e, boolean hiddenStates, boolean attentions) {
        BertInputs in = Inputs.of(List.of(e), List.of(0));
        BertModelOutput o = model.model().forward(ctx, in, new ForwardOptions(hiddenStates, attentions, false));
        return new TokenFeatures(e.tokens().clone(), squeeze(o.lastHiddenState()),
                o.hiddenStates() == null ? null : squeezeAll(o.hiddenStates()),
                o.attentions() == null ? null : squeezeAll(o.attentions()), e.truncated());
    }

    /** Drops the leading batch dimension of 1. */
    private static Tensor squeeze(Tensor t) {
        return new Tensor(java.util.Arrays.copyOfRange(t.shape(), 1, t.rank()), t.data());
    }

    private static List<Tensor> squeezeAll(List<Tensor> ts) {
        List<Tensor> out = new ArrayList<>(ts.size());
        ts.forEach(t -> out.add(squeeze(t)));
        return List.copyOf(out);
    }
}
