package dev.bert4j.train;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.nn.ComputeContext;

import java.util.Map;

/**
 * One fine-tuning task as the {@link Trainer} sees it: the head it trains, its training features (by
 * index), a training step over a batch of them, and an evaluation. Implementations live in
 * {@code dev.bert4j.train.tasks}.
 */
public interface TrainingTask {

    /** The head this task trains. */
    HeadKind head();

    /** The model config for this task: the base config with the task's labels and problem type. */
    BertConfig configure(BertConfig base);

    /** The number of training features. */
    int size();

    /** Tokens of training feature {@code i} (for tokens per second). */
    int tokens(int i);

    /**
     * Forward, loss and backward over the training features {@code batch}, adding {@code lossScale} times the
     * loss's gradient into the model's parameters.
     *
     * @return the loss (unscaled)
     */
    double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale);

    /** Whether there is evaluation data. */
    boolean hasEval();

    /** Metrics on the evaluation data, including {@code loss}; the context is not training. */
    Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize);

    /** The metric that picks the best checkpoint unless the user names another. */
    String defaultMetric();
}
