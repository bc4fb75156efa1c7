package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j classify}: labels and scores, as Hugging Face's text-classification pipeline. */
@Command(name = "classify",
        description = {"Classify TEXT (optionally with --pair) with a sequence-classification model.",
            "Prints a JSON list of {label, score}. With no TEXT, JSON Lines {\"text\": ..., \"text_pair\": ...}."})
final class ClassifyCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    @Option(names = "--pair", paramLabel = "TEXT_B", description = "Second text of a pair.")
    String pair;

    @Option(names = {"--top-k", "--top_k"}, paramLabel = "K|all",
            description = "Labels to return: a number, or 'all' for every label sorted (default: the best one).")
    String topK;

    @Option(names = {"--return-all-scores", "--return_all_scores"},
            description = "Legacy HF option: every label in label order.")
    boolean returnAllScores;

    @Option(names = {"--function-to-apply", "--function_to_apply"}, paramLabel = "F", defaultValue = "default",
            description = "default, sigmoid, softmax or none.")
    String functionToApply;

    @Option(names = "--truncation", description = "Cut texts longer than the model's limit instead of failing.")
    boolean truncation;

    @Parameters(arity = "0..1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
        TextClassificationOptions options = TextClassificationOptions.DEFAULTS
                .withTopK(selection())
                .withFunctionToApply(FunctionToApply.parse(functionToApply))
                .withTruncation(truncation);
        TextClassificationPipeline pipeline = TextClassificationPipeline.load(
                model.taskDirectory("a sequence-classification head (BertForSequenceClassification)"));
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (text != null) {
                Object result = pipeline.run(ctx, text, pair, options);
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            if (pair != null) {
                throw new IllegalArgumentException("--pair needs TEXT; in JSON Lines mode give \"text_pair\" on each line");
            }
            JsonLinesTask<String[]> task = new JsonLinesTask<>(LabelsLine.FIELDS,
                    line -> new String[] {Fields.required(line, "text"), line.text("text_pair")},
                    requests -> classify(pipeline, ctx, requests, options));
            return task.run(parent.in(), out, model.progress("Classifying", parent));
        }
    }

    private static List<?> classify(TextClassificationPipeline pipeline, ComputeContext ctx, List<String[]> requests,
                                    TextClassificationOptions options) {
        List<String> texts = new ArrayList<>(requests.size());
        List<String> pairs = new ArrayList<>(requests.size());
        boolean anyPair = false;
        for (String[] r : requests) {
            texts.add(r[0]);
            pairs.add(r[1]);
            anyPair |= r[1] != null;
        }
        return pipeline.runBatch(ctx, texts, anyPair ? pairs : null, options).stream().map(LabelsLine::new).toList();
    }

    /** One JSON Lines answer: the list a single TEXT prints, under {@code labels}. */
    record LabelsLine(List<LabelScore> labels) {
        static final Fields FIELDS = new Fields(Set.of("text", "text_pair"), Set.of("labels"));
    }

    private LabelSelection selection() {
        if (returnAllScores) {
            if (topK != null) {
                throw new IllegalArgumentException("give either --top-k or --return-all-scores, not both");
            }
            return LabelSelection.returnAllScores(true);
        }
        if (topK == null) {
            return LabelSelection.best();
        }
        if (topK.equalsIgnoreCase("all") || topK.equalsIgnoreCase("none")) {
            return LabelSelection.all();
        }
        try {
            return LabelSelection.top(Integer.parseInt(topK));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--top-k takes a number or 'all', got '" + topK + "'");
        }
    }
}
