package dev.bert4j.cli;

import dev.bert4j.train.TrainingArguments;
import picocli.CommandLine.Option;

/** The Hugging Face Trainer's options, with its defaults. */
final class TrainingOptions {
    private static final TrainingArguments D = TrainingArguments.defaults();

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: 3).")
    int epochs = D.epochs();

    @Option(names = {"--max-steps", "--max_steps"}, paramLabel = "N",
            description = "Optimizer steps to take instead of --epochs (default: 0, off).")
    long maxSteps = D.maxSteps();

    @Option(names = {"--learning-rate", "--learning_rate"}, paramLabel = "LR", description = "Peak learning rate (default: 5e-5).")
    double learningRate = D.learningRate();

    @Option(names = {"--batch-size", "--batch_size"}, paramLabel = "N", description = "Sequences per batch (default: 16).")
    int batchSize = D.batchSize();

    @Option(names = {"--gradient-accumulation-steps", "--gradient_accumulation_steps"}, paramLabel = "N",
            description = "Batches per optimizer step (default: 1).")
    int accumulation = D.gradientAccumulationSteps();

    @Option(names = {"--max-length", "--max_length"}, paramLabel = "N", description = "Tokens per sequence (default: 128).")
    int maxLength = D.maxLength();

    @Option(names = {"--warmup-ratio", "--warmup_ratio"}, paramLabel = "R", description = "Share of steps warming up (default: 0).")
    double warmupRatio = D.warmupRatio();

    @Option(names = {"--warmup-steps", "--warmup_steps"}, paramLabel = "N", description = "Steps warming up (default: 0; wins over the ratio).")
    long warmupSteps = D.warmupSteps();

    @Option(names = {"--weight-decay", "--weight_decay"}, paramLabel = "W",
            description = "AdamW weight decay, not on biases and LayerNorm weights (default: 0.0).")
    double weightDecay = D.weightDecay();

    @Option(names = {"--max-grad-norm", "--max_grad_norm"}, paramLabel = "N",
            description = "Clip the global gradient norm (default: 1.0; 0 turns it off).")
    double maxGradNorm = D.maxGradNorm();

    @Option(names = {"--lr-scheduler", "--lr_scheduler_type"}, paramLabel = "S",
            description = "linear, cosine, constant or constant_with_warmup (default: linear).")
    String lrScheduler = D.lrScheduler();

    @Option(names = "--seed", paramLabel = "N", description = "Seeds initialization, shuffling and dropout (default: 42).")
    long seed = D.seed();

    @Option(names = {"--eval-steps", "--eval_steps"}, paramLabel = "N",
            description = "Evaluate every N steps (default: 0, at the end of each epoch).")
    long evalSteps = D.evalSteps();

    @Option(names = {"--save-steps", "--save_steps"}, paramLabel = "N",
            description = "Checkpoint every N steps (default: 0, at the end of each epoch).")
    long saveSteps = D.saveSteps();

    @Option(names = {"--metric-for-best-model", "--metric_for_best_model"}, paramLabel = "NAME",
            description = "Metric that picks the model kept in --out (default: accuracy, f1 for NER and QA).")
    String metricForBest;

    @Option(names = {"--early-stopping-patience", "--early_stopping_patience"}, paramLabel = "N",
            description = "Stop after N evaluations without improvement (default: 0, never).")
    int patience = D.earlyStoppingPatience();

    @Option(names = {"--doc-stride", "--doc_stride"}, paramLabel = "N",
            description = "Question answering: tokens shared by consecutive windows (default: 32).")
    int docStride = D.docStride();

    TrainingArguments arguments(Integer threads) {
        int t = ThreadCount.resolve(threads);
        return new TrainingArguments(epochs, maxSteps, learningRate, batchSize, accumulation, maxLength, warmupRatio,
                warmupSteps, weightDecay, maxGradNorm, lrScheduler, seed, evalSteps, saveSteps, metricForBest, patience,
                docStride, t);
    }
}
