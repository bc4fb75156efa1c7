package dev.bert4j.cli;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TaskName;
import dev.bert4j.train.TrainingArguments;
import dev.bert4j.train.TrainingTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code bert4j eval}: a fine-tuned model's metrics on a data file, as JSON. */
@Command(name = "eval", description = "Evaluate a fine-tuned --model on --data (the same formats as train); "
        + "prints the metrics as JSON.")
final class EvalCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "text-classification, token-classification, question-answering or multiple-choice.")
    String task;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data to evaluate on.")
    Path data;

    @Option(names = {"--max-length", "--max_length"}, paramLabel = "N",
            description = "Tokens per sequence (default: 128, as train).")
    int maxLength = TrainingArguments.defaults().maxLength();

    @Option(names = {"--doc-stride", "--doc_stride"}, paramLabel = "N",
            description = "Question answering: tokens shared by consecutive windows (default: 32, as train).")
    int docStride = TrainingArguments.defaults().docStride();

    @Option(names = {"--batch-size", "--batch_size"}, paramLabel = "N", defaultValue = "32",
            description = "Sequences per batch (default: 32).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        TaskName name = TaskName.parse(task);
        Path dir = model.taskDirectory("a fine-tuned task head");
        ModelDirectory md = ModelDirectory.open(dir);
        Tokenizer tok = Tokenizer.fromFile(dir);
        List<String> labels = null;
        if (!md.config().id2label().isEmpty()) {
            labels = new ArrayList<>(new TreeMap<>(md.config().id2label()).values());
        }
        TrainingTask t = name.forEvaluation(tok, data, labels, maxLength, docStride);
        BertTaskModel m = TaskHeads.load(md, t.head());
        try (ComputeContext ctx = model.context()) {
            Map<String, Double> metrics = t.evaluate(ctx, m, batchSize);
            model.out().println(JsonLinesTask.MAPPER.writeValueAsString(metrics));
            model.out().flush();
        }
        return 0;
    }
}
