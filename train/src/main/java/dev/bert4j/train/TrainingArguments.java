package dev.bert4j.train;

import dev.bert4j.train.optim.LrSchedule;

/**
 * The knobs of a fine-tuning run, with the Hugging Face Trainer's names and defaults where it has them.
 *
 * @param epochs                    passes over the training data (3); ignored when maxSteps > 0
 * @param maxSteps                  optimizer steps to take, or 0 to run {@code epochs}
 * @param learningRate              peak learning rate (5e-5)
 * @param batchSize                 sequences per forward/backward (16)
 * @param gradientAccumulationSteps micro-batches per optimizer step (1)
 * @param maxLength                 tokens per sequence after truncation (128)
 * @param warmupRatio               share of the steps spent warming up (0), used when warmupSteps is 0
 * @param warmupSteps               steps spent warming up (0)
 * @param weightDecay               AdamW's decoupled weight decay (0.0), not on biases and LayerNorm weights
 * @param maxGradNorm               global gradient norm clipping (1.0); 0 turns clipping off
 * @param lrScheduler               {@code linear}, {@code cosine}, {@code constant}, {@code constant_with_warmup}
 * @param seed                      seeds initialization, shuffling and dropout (42)
 * @param evalSteps                 evaluate every N steps; 0 evaluates at the end of each epoch
 * @param saveSteps                 checkpoint every N steps; 0 checkpoints at the end of each epoch
 * @param metricForBestModel        the metric that picks the checkpoint kept as the result (task default when null)
 * @param earlyStoppingPatience     stop after this many evaluations without improvement; 0 never stops early
 * @param docStride                 question answering: tokens shared by consecutive windows (128)
 * @param threads                   compute threads
 */
public record TrainingArguments(int epochs, long maxSteps, double learningRate, int batchSize,
                                int gradientAccumulationSteps, int maxLength, double warmupRatio, long warmupSteps,
                                double weightDecay, double maxGradNorm, String lrScheduler, long seed, long evalSteps,
                                long saveSteps, String metricForBestModel, int earlyStoppingPatience, int docStride,
                                int threads) {

    public TrainingArguments {
        requireAtLeast("--epochs", epochs, 1);
        requireAtLeast("--max-steps", maxSteps, 0);
        requireAtLeast("--batch-size", batchSize, 1);
        requireAtLeast("--gradient-accumulation-steps", gradientAccumulationSteps, 1);
        requireAtLeast("--max-length", maxLength, 8);
        requireAtLeast("--warmup-steps", warmupSteps, 0);
        requireAtLeast("--eval-steps", evalSteps, 0);
        requireAtLeast("--save-steps", saveSteps, 0);
        requireAtLeast("--early-stopping-patience", earlyStoppingPatience, 0);
        requireAtLeast("--doc-stride", docStride, 0);
        requireAtLeast("--threads", threads, 1);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new TrainingException("--learning-rate must be a positive number, got " + learningRate);
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new TrainingException("--warmup-ratio must be in [0, 1), got " + warmupRatio);
        }
        if (!(weightDecay >= 0) || !(maxGradNorm >= 0)) {
            throw new TrainingException("--weight-decay and --max-grad-norm must not be negative");
        }
        if (!LrSchedule.NAMES.contains(lrScheduler)) {
            throw new TrainingException("--lr-scheduler '" + lrScheduler + "' is not one of " + LrSchedule.NAMES);
        }
    }

    /** The Hugging Face Trainer's defaults (batch size 16, 3 epochs, 5e-5, linear schedule, seed 42). */
    public static TrainingArguments defaults() {
        return new TrainingArguments(3, 0, 5e-5, 16, 1, 128, 0, 0, 0.0, 1.0, "linear", 42, 0, 0, null, 0, 32,
                Runtime.getRuntime().availableProcessors());
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new TrainingException(name + " must be at least " + min + ", got " + value);
        }
    }

    public TrainingArguments withMaxSteps(long steps) {
        return new TrainingArguments(epochs, steps, learningRate, batchSize, gradientAccumulationSteps, maxLength,
                warmupRatio, warmupSteps, weightDecay, maxGradNorm, lrScheduler, seed, evalSteps, saveSteps,
                metricForBestModel, earlyStoppingPatience, docStride, threads);
    }

    public TrainingArguments withThreads(int n) {
        return new TrainingArguments(epochs, maxSteps, learningRate, batchSize, gradientAccumulationSteps, maxLength,
                warmupRatio, warmupSteps, weightDecay, maxGradNorm, lrScheduler, seed, evalSteps, saveSteps,
                metricForBestModel, earlyStoppingPatience, docStride, n);
    }
}
