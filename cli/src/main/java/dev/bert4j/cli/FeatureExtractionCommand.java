package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j feature-extraction}: token vectors, and on request every layer's hidden states and attentions. */
@Command(name = "feature-extraction",
        description = {"Token vectors of TEXT (and --pair): {\"tokens\": [...], \"last_hidden_state\": [[...], ...]},",
            "plus \"hidden_states\" (embeddings and every layer, each [T][C]) and \"attentions\" (every layer,"
                + " each [H][T][T]) when asked. With no TEXT, JSON Lines {\"text\": ..., \"text_pair\": ...}."})
final class FeatureExtractionCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    /** Lines per packed batch in JSON Lines mode without --hidden-states and --attentions (bounds memory: 64 x 512 tokens x C floats). */
    static final int PACKED_LINES = 64;
    private static final JsonLinesInput.Window PACKED_WINDOW = new JsonLinesInput.Window(PACKED_LINES,
            JsonLinesInput.Window.DEFAULT_BYTES);

    @Option(names = "--pair", paramLabel = "B", description = "Second text of a pair.")
    String pair;

    @Option(names = "--hidden-states", description = "Also print every layer's hidden states.")
    boolean hiddenStates;

    @Option(names = "--attentions", description = "Also print every layer's attention probabilities.")
    boolean attentions;

    @Parameters(arity = "0..1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
        LoadedModel loaded = parent.load(model.directory());
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            FeatureExtractionPipeline pipeline = new FeatureExtractionPipeline(loaded);
            if (text != null) {
                Features f = features(ctx, pipeline, text, pair);
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, f));
                return 0;
            }
            if (pair != null) {
                throw new IllegalArgumentException("--pair needs TEXT; in JSON Lines mode give \"text_pair\" on each line");
            }
            // token vectors are large: every layer's (on request) one line at a time; the last layer's in windows of
            // PACKED_LINES lines, each run as one packed batch like the other pipelines
            boolean packed = !hiddenStates && !attentions;
            JsonLinesTask<String[]> task = new JsonLinesTask<>(Features.FIELDS,
                    packed ? PACKED_WINDOW : JsonLinesInput.Window.ONE_LINE,
                    line -> new String[] {Fields.required(line, "text"), line.text("text_pair")},
                    requests -> packed ? packedFeatures(ctx, pipeline, requests) : requests.stream()
                            .map(r -> features(ctx, pipeline, r[0], r[1])).toList());
            return task.run(parent.in(), out, model.progress("Extracting", parent));
        }
    }

    private List<Features> packedFeatures(ComputeContext ctx, FeatureExtractionPipeline pipeline, List<String[]> requests) {
        List<String> texts = requests.stream().map(r -> r[0]).toList();
        List<String> pairs = requests.stream().map(r -> r[1]).toList();          // null where a line has no pair
        return pipeline.extractAll(ctx, texts, pairs).stream().map(this::features).toList();
    }

    private Features features(ComputeContext ctx, FeatureExtractionPipeline pipeline, String a, String b) {
        return features(b == null ? pipeline.extract(ctx, a, hiddenStates, attentions)
                : pipeline.extract(ctx, a, b, hiddenStates, attentions));
    }

    private Features features(TokenFeatures f) {
        if (f.truncated()) {
            model.err().println("warning: input truncated to " + f.tokens().length + " tokens (the model's limit)");
        }
        return new Features(List.of(f.tokens()), f.lastHiddenState(), f.hiddenStates(), f.attentions(),
                f.truncated() ? Boolean.TRUE : null);
    }

    /** The printed object; absent parts are left out. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Features(List<String> tokens,
                    @JsonSerialize(using = TensorJson.class) Tensor lastHiddenState,
                    @JsonSerialize(contentUsing = TensorJson.class) List<Tensor> hiddenStates,
                    @JsonSerialize(contentUsing = TensorJson.class) List<Tensor> attentions,
                    Boolean truncated) {
        static final Fields FIELDS = new Fields(Set.of("text", "text_pair"),
                Set.of("tokens", "last_hidden_state", "hidden_states", "attentions", "truncated"));
    }

    /** A tensor as nested JSON arrays following its shape. */
    static final class TensorJson extends JsonSerializer<Tensor> {
        @Override
        public void serialize(Tensor t, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(g, t, 0, 0);
        }

        private static int write(JsonGenerator g, Tensor t, int dim, int offset) throws IOException {
            if (dim == t.rank() - 1) {
                JsonOutput.floatArray(g, t.data(), offset, t.dim(dim));
                return offset + t.dim(dim);
            }
            g.writeStartArray();
            for (int i = 0; i < t.dim(dim); i++) {
                offset = write(g, t, dim + 1, offset);
            }
            g.writeEndArray();
            return offset;
        }
    }
}
