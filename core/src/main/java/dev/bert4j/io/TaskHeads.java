package dev.bert4j.io;

import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertForMultipleChoice;
import dev.bert4j.model.BertForNextSentencePrediction;
import dev.bert4j.model.BertForPreTraining;
import dev.bert4j.model.BertForQuestionAnswering;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.WeightLoadException;

import java.util.Map;

/**
 * Loads a {@code BertFor...} model from a model directory: the head named in {@code config.json}'s
 * {@code architectures}, or one named explicitly (a pipeline asks for the head of its task, as HF's
 * {@code pipeline()} does, whatever {@code architectures} says). Weights that do not fit the head are a
 * {@link WeightLoadException} whose message starts with the directory.
 */
public final class TaskHeads {
    private static final Map<Class<? extends BertTaskModel>, HeadKind> KINDS = Map.of(
            BertForPreTraining.class, HeadKind.PRE_TRAINING,
            BertForMaskedLM.class, HeadKind.MASKED_LM,
            BertForNextSentencePrediction.class, HeadKind.NEXT_SENTENCE_PREDICTION,
            BertForSequenceClassification.class, HeadKind.SEQUENCE_CLASSIFICATION,
            BertForTokenClassification.class, HeadKind.TOKEN_CLASSIFICATION,
            BertForQuestionAnswering.class, HeadKind.QUESTION_ANSWERING,
            BertForMultipleChoice.class, HeadKind.MULTIPLE_CHOICE);

    private TaskHeads() {
    }

    /** The head {@code config.json}'s {@code architectures} names. */
    public static BertTaskModel load(ModelDirectory dir) {
        return load(dir, HeadKind.fromArchitectures(dir.config().architectures()));
    }

    public static BertTaskModel load(ModelDirectory dir, HeadKind kind) {
        try {
            return dir.withWeights(weights -> BertTaskModel.fromStateDict(kind, dir.config(), weights));
        } catch (WeightLoadException e) {
            throw new WeightLoadException(e.kind(), e.path(), dir.dir() + ": " + e.getMessage());
        }
    }

    /** The head of class {@code type}, e.g. {@code load(dir, BertForMaskedLM.class)}. */
    public static <M extends BertTaskModel> M load(ModelDirectory dir, Class<M> type) {
        HeadKind kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not a task head class; pass one of "
                    + KINDS.keySet().stream().map(Class::getSimpleName).sorted().toList());
        }
        return type.cast(load(dir, kind));
    }
}
