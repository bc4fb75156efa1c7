package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The stack of {@code num_hidden_layers} {@link BertLayer}s. */
public final class BertEncoder {
    private final List<BertLayer> layers;
    private final BertConfig config;

    BertEncoder(BertConfig c, StateDictReader w) {
        config = c;
        List<BertLayer> list = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            list.add(new BertLayer(c, w, "encoder.layer." + i + "."));
        }
        layers = List.copyOf(list);
    }

    /**
     * Runs every layer over hidden (B*T, C) in place, collecting what {@code opts} asks for; with
     * {@code caches} not null, takes the training path and adds one cache per layer.
     */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, ForwardOptions opts,
                 List<Tensor> hiddenStates, List<Tensor> attentions, List<BertLayerCache> caches) {
        int B = ws.B;
        int T = ws.T;
        int C = config.hiddenSize();
        int H = config.numAttentionHeads();
        for (BertLayer layer : layers) {
            float[] probs = opts.outputAttentions() || caches != null ? new float[B * H * T * T] : null;
            if (caches != null) {
                caches.add(layer.forwardTrain(ctx, hidden, ws.maskBias, probs, B, T));
            } else {
                layer.forward(ctx, ws, hidden, probs);                                      // (B*T, C)
            }
            if (opts.outputAttentions()) {
                attentions.add(new Tensor(new int[] {B, H, T, T}, probs));
            }
            if (opts.outputHiddenStates()) {
                hiddenStates.add(new Tensor(new int[] {B, T, C}, Arrays.copyOf(hidden, B * T * C)));
            }
        }
    }

    /** dEmbeddingOutput (B*T, C) from dLastHidden (B*T, C), layers in reverse. */
    float[] backward(ComputeContext ctx, List<BertLayerCache> caches, float[] dHidden, int B, int T) {
        float[] d = dHidden;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(ctx, caches.get(i), d, B, T);
        }
        return d;
    }

    public int numLayers() {
        return layers.size();
    }

    void parameters(Map<String, Parameter> out) {
        layers.forEach(l -> l.parameters(out));
    }

    void stateDict(Map<String, Tensor> out) {
        layers.forEach(l -> l.stateDict(out));
    }
}
