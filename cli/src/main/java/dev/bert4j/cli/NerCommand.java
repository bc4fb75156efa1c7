package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j ner}: entities with character offsets, as Hugging Face's token-classification pipeline. */
@Command(name = "ner",
        description = {"Tag the tokens of TEXT with a token-classification model (named entities).",
            "Prints a JSON list of {entity, score, index, word, start, end}, or of {entity_group, score, word,"
                + " start, end} when aggregating. With no TEXT, JSON Lines {\"text\": ...}."})
final class NerCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    @Option(names = {"--aggregation-strategy", "--aggregation_strategy"}, paramLabel = "S", defaultValue = "none",
            description = "none, simple, first, average or max.")
    String aggregationStrategy;

    @Option(names = {"--ignore-labels", "--ignore_labels"}, split = ",", paramLabel = "LABEL",
            description = "Labels to leave out (default: O).")
    List<String> ignoreLabels;

    @Option(names = "--stride", paramLabel = "S",
            description = "Tag texts longer than the model's limit in overlapping windows sharing S tokens.")
    Integer stride;

    @Parameters(arity = "0..1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
        TokenClassificationOptions options = TokenClassificationOptions.DEFAULTS
                .withAggregationStrategy(AggregationStrategy.parse(aggregationStrategy))
                .withStride(stride);
        if (ignoreLabels != null) {
            options = options.withIgnoreLabels(ignoreLabels);
        }
        TokenClassificationOptions chosen = options;
        TokenClassificationPipeline pipeline = TokenClassificationPipeline.load(
                model.taskDirectory("a token-classification head (BertForTokenClassification)"));
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (text != null) {
                Object result = pipeline.run(ctx, text, chosen);
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            JsonLinesTask<String> task = new JsonLinesTask<>(Set.of("text"), line -> Fields.required(line, "text"),
                    texts -> pipeline.runBatch(ctx, texts, chosen));
            return task.run(parent.in(), out);
        }
    }
}
