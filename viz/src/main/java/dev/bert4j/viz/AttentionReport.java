package dev.bert4j.viz;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.SpecialTokens;

import java.util.List;
import java.util.Objects;

/**
 * Everything the attention page, its JSON and its pictures show for one input: the tokens, every layer's attention
 * probabilities (the numbers {@code feature-extraction --attentions} prints, from the same forward pass) and their
 * summaries.
 *
 * @param model      a name for the model (shown in the page)
 * @param text       the text
 * @param textPair   the second text of a pair, or null
 * @param tokens     the token strings, special tokens included (T)
 * @param truncated  whether the input was cut to the model's limit
 * @param attentions one (H, T, T) tensor per layer: rows are query positions, columns key positions
 * @param heads      one summary per layer and head, layer by layer
 * @param rollout    attention rollout from position 0 ({@code [CLS]}) over the T input tokens; sums to 1
 */
public record AttentionReport(String model, String text, String textPair, List<String> tokens, boolean truncated,
                              List<Tensor> attentions, List<HeadSummary> heads, double[] rollout) {
    /** The position rollout is read from: BERT's {@code [CLS]}, the first token. */
    public static final int ROLLOUT_FROM = 0;

    public AttentionReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        tokens = List.copyOf(tokens);
        attentions = List.copyOf(attentions);
        heads = List.copyOf(heads);
        if (attentions.isEmpty()) {
            throw new IllegalArgumentException("an attention report needs at least one layer");
        }
        int T = tokens.size();
        for (Tensor a : attentions) {
            if (a.rank() != 3 || a.dim(1) != T || a.dim(2) != T || a.dim(0) != attentions.getFirst().dim(0)) {
                throw new IllegalArgumentException("attention of shape " + a.shapeString() + " does not fit " + T
                        + " tokens and " + attentions.getFirst().dim(0) + " heads");
            }
        }
        if (rollout.length != T) {
            throw new IllegalArgumentException("rollout has " + rollout.length + " values for " + T + " tokens");
        }
    }

    /**
     * Runs {@code model} once on {@code text} (and {@code pair}, may be null) with attentions, as
     * {@link FeatureExtractionPipeline} does, and summarizes them. {@code [CLS]} and {@code [SEP]} are the tokenizer's.
     */
    public static AttentionReport of(LoadedModel model, ComputeContext ctx, String text, String pair) {
        FeatureExtractionPipeline pipeline = new FeatureExtractionPipeline(model);
        TokenFeatures f = pair == null ? pipeline.extract(ctx, text, false, true)
                : pipeline.extract(ctx, text, pair, false, true);
        SpecialTokens special = model.tokenizer().specialTokens();
        return of(name(model), text, pair, List.of(f.tokens()), f.truncated(), f.attentions(), special.cls(),
                special.sep());
    }

    /** A report over given attention probabilities; {@code cls} and {@code sep} name the special tokens (or null). */
    public static AttentionReport of(String model, String text, String pair, List<String> tokens, boolean truncated,
                                     List<Tensor> attentions, String cls, String sep) {
        boolean[] isCls = new boolean[tokens.size()];
        boolean[] isSep = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            isCls[i] = tokens.get(i).equals(cls);
            isSep[i] = tokens.get(i).equals(sep);
        }
        return new AttentionReport(model, text, pair, tokens, truncated, attentions,
                AttentionSummaries.heads(attentions, isCls, isSep),
                AttentionSummaries.rollout(attentions, ROLLOUT_FROM));
    }

    /** The same report under another model name (for instance the name the user gave rather than a folder's). */
    public AttentionReport withModel(String name) {
        return new AttentionReport(name, text, textPair, tokens, truncated, attentions, heads, rollout);
    }

    public int numLayers() {
        return attentions.size();
    }

    public int numHeads() {
        return attentions.getFirst().dim(0);
    }

    /** The attention probability of query {@code from} on key {@code to} in one layer and head. */
    public float attention(int layer, int head, int from, int to) {
        int T = tokens.size();
        return attentions.get(layer).data()[(head * T + from) * T + to];
    }

    /** The summary of one layer and head. */
    public HeadSummary head(int layer, int head) {
        return heads.get(layer * numHeads() + head);
    }

    private static String name(LoadedModel model) {
        var dir = model.directory().dir().toAbsolutePath().normalize().getFileName();
        return dir == null ? model.directory().dir().toString() : dir.toString();
    }
}
