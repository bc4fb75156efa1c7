package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Embedding;
import dev.bert4j.nn.LayerNorm;
import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/** Token + segment + absolute position embeddings, then LayerNorm (dropout is identity at inference). */
public final class BertEmbeddings {
    private final Embedding wordEmbeddings;
    private final Embedding positionEmbeddings;
    private final Embedding tokenTypeEmbeddings;
    private final LayerNorm layerNorm;
    private final int hiddenSize;

    BertEmbeddings(BertConfig c, StateDictReader w) {
        int C = c.hiddenSize();
        wordEmbeddings = new Embedding(w.take("embeddings.word_embeddings.weight", c.vocabSize(), C));
        positionEmbeddings = new Embedding(w.take("embeddings.position_embeddings.weight",
                c.maxPositionEmbeddings(), C));
        tokenTypeEmbeddings = new Embedding(w.take("embeddings.token_type_embeddings.weight", c.typeVocabSize(), C));
        layerNorm = new LayerNorm(w.take("embeddings.LayerNorm.weight", C), w.take("embeddings.LayerNorm.bias", C),
                c.layerNormEps());
        hiddenSize = C;
    }

    /** hidden (B*T, C) = LayerNorm(word[ids] + token_type[types] + position[t]). */
    void forward(ComputeContext ctx, float[] hidden, BertInputs in) {
        int T = in.seqLen();
        int rows = in.batchSize() * T;
        Arrays.fill(hidden, 0, rows * hiddenSize, 0f);
        for (int r = 0; r < rows; r++) {
            int off = r * hiddenSize;
            wordEmbeddings.addRow(hidden, off, in.inputIds()[r]);           // inputs_embeds
            tokenTypeEmbeddings.addRow(hidden, off, in.tokenTypeIds()[r]);  // + token_type_embeddings
            positionEmbeddings.addRow(hidden, off, r % T);                  // + position_embeddings
        }
        layerNorm.forward(ctx, hidden, hidden, null, rows);                 // (B*T, C)
    }

    void stateDict(Map<String, Tensor> out) {
        out.put("embeddings.word_embeddings.weight", wordEmbeddings.weight());
        out.put("embeddings.position_embeddings.weight", positionEmbeddings.weight());
        out.put("embeddings.token_type_embeddings.weight", tokenTypeEmbeddings.weight());
        out.put("embeddings.LayerNorm.weight", layerNorm.weight());
        out.put("embeddings.LayerNorm.bias", layerNorm.bias());
    }
}
