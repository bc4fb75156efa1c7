package dev.bert4j.cli;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.tokenizers.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code bert4j ner}: entities with character offsets, as Hugging Face's token-classification pipeline. */
@Command(name = "ner",
        description = {"Tag the tokens of TEXT with a token-classification model (named entities).",
            "Prints a JSON list of {entity, score, index, word, start, end}, or of {entity_group, score, word,"
                + " start, end} when aggregating. With no TEXT, JSON Lines {\"text\": ...}. Without --stride, texts"
                + " longer than the model's limit are cut there and reported on standard error."})
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
        Path dir = model.taskDirectory("a token-classification head (BertForTokenClassification)");
        TokenClassificationPipeline pipeline = TokenClassificationPipeline.load(dir);
        Consumer<String> warnIfCut = truncationCheck(dir);
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (text != null) {
                warnIfCut.accept(text);
                Object result = pipeline.run(ctx, text, chosen);
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            JsonLinesTask<String> task = new JsonLinesTask<>(EntitiesLine.FIELDS, line -> Fields.required(line, "text"),
                    texts -> {
                        List<EntitiesLine> answers = pipeline.runBatch(ctx, texts, chosen).stream()
                                .map(EntitiesLine::new).toList();
                        texts.forEach(warnIfCut);  // once the batch is answered, not again when its halves are retried
                        return answers;
                    });
            return task.run(parent.in(), out, model.progress("Tagging", parent));
        }
    }

    /**
     * Warns as {@code embed} does when a text is cut at the model's limit (the pipeline's own limit, computed the
     * same way); with {@code --stride} nothing is cut, the text is tagged in windows.
     */
    private Consumer<String> truncationCheck(Path dir) {
        if (stride != null) {
            return text -> { };
        }
        Tokenizer tokenizer = Tokenizer.fromFile(dir).withoutTruncation().withoutPadding();
        int limit = Batching.modelMaxLength(tokenizer, ModelDirectory.open(dir).config());
        return text -> {
            if (tokenizer.encode(text).length() > limit) {
                TruncationWarning.print(model.err(), text, limit);
            }
        };
    }

    /** One JSON Lines answer: the list a single TEXT prints, under {@code entities}. */
    record EntitiesLine(List<Entity> entities) {
        static final Fields FIELDS = new Fields(Set.of("text"), Set.of("entities"));
    }
}
