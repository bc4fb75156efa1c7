package dev.bert4j.train.tasks;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.HeadKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The config a fine-tuned checkpoint is saved with: architectures, id2label/label2id, problem_type. */
final class Configs {
    private Configs() {
    }

    /** {@code base} with {@code architectures = [head]}, labels in id order (none: keep the base's), problem type. */
    static BertConfig forHead(BertConfig base, HeadKind head, List<String> labels, String problemType) {
        Map<Integer, String> id2label = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(i, labels.get(i));
        }
        BertConfig c = labels.isEmpty() ? base : base.withLabels(id2label);
        return new BertConfig(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(),
                c.intermediateSize(), c.hiddenAct(), c.hiddenDropoutProb(), c.attentionProbsDropoutProb(),
                c.maxPositionEmbeddings(), c.typeVocabSize(), c.initializerRange(), c.layerNormEps(),
                c.positionEmbeddingType(), c.padTokenId(), c.classifierDropout(), c.id2label(), c.label2id(),
                problemType, List.of(head.architecture()), c.modelType());
    }
}
