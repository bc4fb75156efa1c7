package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Dropout;
import dev.bert4j.nn.Embedding;
import dev.bert4j.nn.LayerNorm;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/** Token + segment + absolute position embeddings, then LayerNorm and dropout (identity at inference). */
public final class BertEmbeddings {
    private final Embedding wordEmbeddings;
    private final Embedding positionEmbeddings;
    private final Embedding tokenTypeEmbeddings;
    private final LayerNorm layerNorm;
    private final int hiddenSize;
    private final double dropout;

    /** What backward needs: the LayerNorm's statistics and the dropout multipliers (or null). */
    public record Cache(LayerNorm.Cache norm, float[] keep) {
    }

    BertEmbeddings(BertConfig c, StateDictReader w) {
        int C = c.hiddenSize();
        wordEmbeddings = new Embedding(w.take("embeddings.word_embeddings.weight", c.vocabSize(), C));
        positionEmbeddings = new Embedding(w.take("embeddings.position_embeddings.weight",
                c.maxPositionEmbeddings(), C));
        tokenTypeEmbeddings = new Embedding(w.take("embeddings.token_type_embeddings.weight", c.typeVocabSize(), C));
        layerNorm = new LayerNorm(w.take("embeddings.LayerNorm.weight", C), w.take("embeddings.LayerNorm.bias", C),
                c.layerNormEps());
        hiddenSize = C;
        dropout = c.hiddenDropoutProb();
    }

    /** hidden (B*T, C) = LayerNorm(word[ids] + token_type[types] + position[t]). */
    void forward(ComputeContext ctx, float[] hidden, BertInputs in) {
        int rows = sum(hidden, in);
        layerNorm.forward(ctx, hidden, hidden, null, rows);                 // (B*T, C)
    }

    /** hidden (N, C) for a packed batch: positions count from 0 at each sequence's first token. */
    void forwardPacked(ComputeContext ctx, float[] hidden, PackedInputs in) {
        int[] starts = in.starts();
        int rows = in.tokens();
        Arrays.fill(hidden, 0, rows * hiddenSize, 0f);
        for (int b = 0; b + 1 < starts.length; b++) {
            for (int r = starts[b]; r < starts[b + 1]; r++) {
                int off = r * hiddenSize;
                wordEmbeddings.addRow(hidden, off, in.inputIds()[r]);
                tokenTypeEmbeddings.addRow(hidden, off, in.tokenTypeIds()[r]);
                positionEmbeddings.addRow(hidden, off, r - starts[b]);
            }
        }
        layerNorm.forward(ctx, hidden, hidden, null, rows);                 // (N, C)
    }

    /** As {@link #forward}, then dropout when training, keeping what backward needs. */
    Cache forwardTrain(ComputeContext ctx, float[] hidden, BertInputs in) {
        int rows = sum(hidden, in);
        LayerNorm.Cache norm = layerNorm.forwardTrain(ctx, hidden, hidden, null, rows);   // (B*T, C)
        float[] keep = Dropout.mask(ctx, rows * hiddenSize, dropout);
        Dropout.apply(hidden, keep);
        return new Cache(norm, keep);
    }

    private int sum(float[] hidden, BertInputs in) {
        int T = in.seqLen();
        int rows = in.batchSize() * T;
        Arrays.fill(hidden, 0, rows * hiddenSize, 0f);
        for (int r = 0; r < rows; r++) {
            int off = r * hiddenSize;
            wordEmbeddings.addRow(hidden, off, in.inputIds()[r]);           // inputs_embeds
            tokenTypeEmbeddings.addRow(hidden, off, in.tokenTypeIds()[r]);  // + token_type_embeddings
            positionEmbeddings.addRow(hidden, off, r % T);                  // + position_embeddings
        }
        return rows;
    }

    /** Adds the gradients of the three tables (only the rows looked up) and the LayerNorm from dHidden. */
    void backward(ComputeContext ctx, Cache cache, float[] dHidden, BertInputs in) {
        int T = in.seqLen();
        int rows = in.batchSize() * T;
        float[] d = Arrays.copyOf(dHidden, rows * hiddenSize);
        Dropout.apply(d, cache.keep());                                       // through dropout
        layerNorm.backward(ctx, d, d, cache.norm(), rows);                    // through LayerNorm
        for (int r = 0; r < rows; r++) {
            int off = r * hiddenSize;
            wordEmbeddings.backwardRow(d, off, in.inputIds()[r]);
            tokenTypeEmbeddings.backwardRow(d, off, in.tokenTypeIds()[r]);
            positionEmbeddings.backwardRow(d, off, r % T);
        }
    }

    /** The word embedding table, which the masked-LM decoder shares (tied). */
    Parameter wordEmbeddingParameter() {
        return wordEmbeddings.weightParameter();
    }

    void parameters(Map<String, Parameter> out) {
        out.put("embeddings.word_embeddings.weight", wordEmbeddings.weightParameter());
        out.put("embeddings.position_embeddings.weight", positionEmbeddings.weightParameter());
        out.put("embeddings.token_type_embeddings.weight", tokenTypeEmbeddings.weightParameter());
        out.put("embeddings.LayerNorm.weight", layerNorm.weightParameter());
        out.put("embeddings.LayerNorm.bias", layerNorm.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        out.put("embeddings.word_embeddings.weight", wordEmbeddings.weight());
        out.put("embeddings.position_embeddings.weight", positionEmbeddings.weight());
        out.put("embeddings.token_type_embeddings.weight", tokenTypeEmbeddings.weight());
        out.put("embeddings.LayerNorm.weight", layerNorm.weight());
        out.put("embeddings.LayerNorm.bias", layerNorm.bias());
    }
}
