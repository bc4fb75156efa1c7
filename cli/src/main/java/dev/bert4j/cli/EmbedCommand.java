package dev.bert4j.cli;

import dev.bert4j.io.PoolingMode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j embed}: sentence embeddings, pooled and normalized as the model's sentence-transformers files say. */
@Command(name = "embed",
        description = {"Sentence embeddings: one JSON line {\"text\": ..., \"embedding\": [...]} per TEXT.",
            "With no TEXT, JSON Lines {\"text\": ...} from standard input. Texts longer than the model's limit are"
                + " truncated, marked \"truncated\": true and reported on standard error."})
final class EmbedCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    @Option(names = "--pooling", paramLabel = "P", split = ",",
            description = "cls, mean, max, mean_sqrt_len_tokens, weightedmean or lasttoken (default: the model's"
                    + " 1_Pooling, else mean); several, comma-separated, are concatenated.")
    List<String> pooling;

    @ArgGroup(exclusive = true)
    NormalizeChoice normalizeChoice;

    /** --normalize / --no-normalize; neither means the model's own setting (its Normalize module). */
    static final class NormalizeChoice {
        @Option(names = "--normalize", description = "L2-normalize the embeddings.") boolean normalize;
        @Option(names = "--no-normalize", description = "Do not normalize.") boolean noNormalize;
    }

    @Parameters(arity = "0..*", paramLabel = "TEXT")
    List<String> texts;

    @Override
    public Integer call() {
        LoadedModel loaded = parent.load(model.directory());
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            SentenceEmbeddingPipeline pipeline = configure(new SentenceEmbeddingPipeline(loaded));
            if (texts != null && !texts.isEmpty()) {
                for (SentenceEmbedding e : pipeline.embed(ctx, texts)) {
                    warnIfTruncated(e);
                    out.line(g -> write(g, e));
                }
                return 0;
            }
            JsonLinesTask<String> task = new JsonLinesTask<>(EmbeddingLine.FIELDS, line -> Fields.required(line, "text"),
                    batch -> {
                        List<SentenceEmbedding> result = pipeline.embed(ctx, batch);
                        result.forEach(this::warnIfTruncated);
                        return result.stream().map(EmbeddingLine::of).toList();
                    });
            return task.run(parent.in(), out, model.progress("Embedding", parent));
        }
    }

    private SentenceEmbeddingPipeline configure(SentenceEmbeddingPipeline pipeline) {
        if (pooling != null) {
            pipeline = pipeline.withPooling(pooling.stream().map(PoolingMode::fromName).toArray(PoolingMode[]::new));
        }
        if (normalizeChoice != null) {
            pipeline = pipeline.withNormalize(normalizeChoice.normalize);
        }
        return pipeline;
    }

    private void warnIfTruncated(SentenceEmbedding e) {
        if (e.truncated()) {
            TruncationWarning.print(model.err(), e.text(), e.tokens());
        }
    }

    /** {@link EmbeddingLine} written field by field, as the mapper writes it, without setting the mapper up (start-up). */
    private static void write(com.fasterxml.jackson.core.JsonGenerator g, SentenceEmbedding e) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("text", e.text());
        g.writeArrayFieldStart("embedding");
        for (float v : e.vector()) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        if (e.truncated()) {
            g.writeBooleanField("truncated", true);
        }
        g.writeEndObject();
    }

    /** One output line; {@code truncated} appears only when the text was cut. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record EmbeddingLine(String text, float[] embedding, Boolean truncated) {
        static final Fields FIELDS = new Fields(Set.of("text"), Set.of("text", "embedding", "truncated"));

        static EmbeddingLine of(SentenceEmbedding e) {
            return new EmbeddingLine(e.text(), e.vector(), e.truncated() ? Boolean.TRUE : null);
        }
    }
}
