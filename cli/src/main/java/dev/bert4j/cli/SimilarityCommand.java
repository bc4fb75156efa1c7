package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.pipeline.embedding.Similarity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bert4j similarity}: the cosine similarity matrix of the texts' sentence embeddings. */
@Command(name = "similarity",
        description = "Cosine similarity between the sentence embeddings of two or more texts, as a matrix.")
final class SimilarityCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @ParentCommand Bert4jCommand parent;

    @Option(names = "--json", description = "Print {\"texts\": [...], \"similarity\": [[...]]} instead of a table.")
    boolean json;

    @Parameters(arity = "2..*", paramLabel = "TEXT")
    List<String> texts;

    @Override
    public Integer call() {
        LoadedModel loaded = parent.load(model.directory());
        List<SentenceEmbedding> embeddings;
        try (ComputeContext ctx = model.context()) {
            embeddings = new SentenceEmbeddingPipeline(loaded).embed(ctx, texts);
        }
        double[][] matrix = Similarity.matrix(embeddings.stream().map(SentenceEmbedding::vector).toList());
        if (json) {
            try (JsonOutput out = new JsonOutput(model.out(), model.err())) {
                record Result(List<String> texts, double[][] similarity) {
                }
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, new Result(texts, matrix)));
            }
        } else {
            table(model.out(), matrix);
        }
        return 0;
    }

    /** Numbered texts, then the matrix with one row and column per text. */
    private void table(PrintWriter out, double[][] matrix) {
        for (int i = 0; i < texts.size(); i++) {
            out.printf(Locale.ROOT, "[%d] %s%n", i + 1, texts.get(i));
        }
        out.println();
        StringBuilder header = new StringBuilder("     ");
        for (int j = 0; j < matrix.length; j++) {
            header.append(String.format(Locale.ROOT, "%8s", "[" + (j + 1) + "]"));
        }
        out.println(header);
        for (int i = 0; i < matrix.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-5s", "[" + (i + 1) + "]"));
            for (double v : matrix[i]) {
                row.append(String.format(Locale.ROOT, "%8.4f", v));
            }
            out.println(row);
        }
        out.flush();
    }
}
