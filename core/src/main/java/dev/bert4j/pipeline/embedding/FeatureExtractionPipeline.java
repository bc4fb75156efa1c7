package dev.bert4j.pipeline.embedding;

import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModelOutput;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
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
