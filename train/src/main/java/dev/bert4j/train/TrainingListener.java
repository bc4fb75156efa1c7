package dev.bert4j.train;

import java.nio.file.Path;
import java.util.Map;

/** What a running {@link Trainer} reports; every method has a do-nothing default. */
public interface TrainingListener {

    /** Called once the run knows its length (after a resume, {@code step} is where it goes on from). */
    default void onStart(long step, long totalSteps, int examples) {
    }

    /** After each optimizer step. */
    default void onStep(StepReport report) {
    }

    /** After each evaluation, with the metrics (names without the {@code eval_} prefix). */
    default void onEvaluate(long step, Map<String, Double> metrics) {
    }

    /** After a checkpoint is in place. */
    default void onCheckpoint(long step, Path dir) {
    }

    /** A message for the user (new weights, dropped weights, early stopping). */
    default void onMessage(String message) {
    }

    /**
     * One optimizer step.
     *
     * @param loss          the mean loss of its micro-batches
     * @param tokensPerSecond tokens (padding excluded) per second since the run (or resume) started
     * @param secondsLeft   estimated time to the last step
     */
    record StepReport(long step, long totalSteps, double epoch, double loss, double learningRate, double gradNorm,
                      double tokensPerSecond, double secondsLeft) {
    }
}
