package dev.bert4j.cli;

import dev.bert4j.train.FineTuning;
import dev.bert4j.train.TaskName;
import dev.bert4j.train.TrainingArguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bert4j train}: fine-tunes a model for a task, with the Hugging Face Trainer's options and defaults. */
@Command(name = "train",
        description = {"Fine-tune --model for --task on --train (and evaluate on --eval), writing a Hugging Face "
                + "model directory, checkpoints, curves (CSV and PNG) and run.json into --out.",
            "Data: text-classification JSON Lines/CSV/TSV {text, text_pair?, label}; token-classification JSON Lines "
                + "{tokens, tags} or CoNLL; question-answering SQuAD v1.1/v2.0 JSON; multiple-choice JSON Lines "
                + "{text?, choices, label}; pretraining and mlm: plain text, one sentence per line, a blank line "
                + "between documents, or JSON Lines {text} documents."})
final class TrainCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "text-classification, token-classification, question-answering, multiple-choice, "
                    + "pretraining (masked LM + next sentence) or mlm (masked LM).")
    String task;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data.")
    Path train;

    @Option(names = "--eval", paramLabel = "FILE", description = "Evaluation data (metrics and the best checkpoint).")
    Path eval;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model and checkpoints go.")
    Path out;

    @Option(names = "--resume", description = "Go on from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--labels", paramLabel = "A,B,C", split = ",",
            description = "The label (or tag) set in id order; integer labels in the data index into it. "
                    + "Default: the training file's labels, sorted.")
    List<String> labels;

    @Mixin TrainingOptions options;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Pre-training from scratch: the config.json of the new model (with --tokenizer; no --model).")
    Path config;

    @Option(names = "--tokenizer", paramLabel = "T",
            description = "Pre-training from scratch: a tokenizer.json, or anything --model accepts.")
    String tokenizer;

    @Option(names = {"--whole-word-masking", "--whole_word_masking"},
            description = "Pre-training: mask all pieces of a word together.")
    boolean wholeWordMasking;

    @Option(names = {"--mlm-probability", "--mlm_probability"}, paramLabel = "P",
            description = "Pre-training: share of tokens to predict (default: 0.15).")
    double mlmProbability = FineTuning.Pretraining.DEFAULTS.mlmProbability();

    @Option(names = {"--short-seq-prob", "--short_seq_prob"}, paramLabel = "P",
            description = "Pre-training: probability of a shorter target length (default: 0.1).")
    double shortSeqProb = FineTuning.Pretraining.DEFAULTS.shortSeqProbability();

    @Override
    public Integer call() {
        TrainingArguments args = options.arguments(model.threads);
        TaskName name = TaskName.parse(task);
        FineTuning.Pretraining pretraining = pretraining();
        boolean scratch = pretraining.config() != null;
        Path dir = resume || scratch ? null : model.directory();
        String modelName = scratch ? "new model from " + config : model.model == null ? "all-MiniLM-L6-v2" : model.model;
        FineTuning.Result r;
        try (TrainingProgress progress = new TrainingProgress(model.err(), model.quiet)) {
            r = FineTuning.run(new FineTuning.Request(name, dir, modelName, train, eval, out, labels, resume, args,
                    pretraining), progress);
        }
        try {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("out", r.out().toString());
            summary.put("steps", r.steps());
            summary.put("best_checkpoint", r.bestCheckpoint());
            summary.put("metrics", r.lastMetrics());
            model.out().println(JsonLinesTask.MAPPER.writeValueAsString(summary));
            model.out().flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    private FineTuning.Pretraining pretraining() {
        if ((config != null || tokenizer != null) && model.model != null) {
            throw new IllegalArgumentException("give either --model (to continue training a model) or --config with "
                    + "--tokenizer (to pre-train a new one), not both");
        }
        Path tok = null;
        if (tokenizer != null) {
            Path asFile = Path.of(tokenizer);
            tok = java.nio.file.Files.isRegularFile(asFile) ? asFile : model.resolve("--tokenizer", tokenizer);
        }
        return new FineTuning.Pretraining(config, tok, wholeWordMasking, mlmProbability, shortSeqProb);
    }
}
