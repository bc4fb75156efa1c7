package dev.bert4j.model;

import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * A {@link BertModel} with a task head on top, HF's {@code BertFor...} classes. Immutable once loaded and
 * safe to share between threads.
 */
public sealed interface BertTaskModel permits BertForPreTraining, BertForMaskedLM, BertForNextSentencePrediction,
        BertForSequenceClassification, BertForTokenClassification, BertForQuestionAnswering, BertForMultipleChoice {

    HeadKind kind();

    /** The encoder under the head. */
    BertModel bert();

    default BertConfig config() {
        return bert().config();
    }

    /**
     * Every weight by its name in a {@code BertFor...} checkpoint ({@code bert.}-prefixed encoder, then
     * the head's own weights); tensors are shared, not copied. Tied weights appear once.
     */
    Map<String, Tensor> stateDict();

    /**
     * Every trainable parameter by the same names as {@link #stateDict()} (the tied decoder weight appears
     * once, as the word embeddings); values and gradients are shared with the model, so an optimizer
     * stepping these trains the model.
     */
    Map<String, Parameter> parameters();

    /**
     * Builds the head {@code kind} from a checkpoint's weights, encoder and head together, with or
     * without the {@code bert.} prefix. Strict: see {@link HeadCheckpoint}.
     */
    static BertTaskModel fromStateDict(HeadKind kind, BertConfig config, Map<String, Tensor> weights) {
        return switch (kind) {
            case PRE_TRAINING -> BertForPreTraining.fromStateDict(config, weights);
            case MASKED_LM -> BertForMaskedLM.fromStateDict(config, weights);
            case NEXT_SENTENCE_PREDICTION -> BertForNextSentencePrediction.fromStateDict(config, weights);
            case SEQUENCE_CLASSIFICATION -> BertForSequenceClassification.fromStateDict(config, weights);
            case TOKEN_CLASSIFICATION -> BertForTokenClassification.fromStateDict(config, weights);
            case QUESTION_ANSWERING -> BertForQuestionAnswering.fromStateDict(config, weights);
            case MULTIPLE_CHOICE -> BertForMultipleChoice.fromStateDict(config, weights);
        };
    }
}
