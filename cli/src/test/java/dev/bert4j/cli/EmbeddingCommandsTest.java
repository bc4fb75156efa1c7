package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.io.PoolingMode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** embed, similarity, feature-extraction, inspect and convert on the real all-MiniLM-L6-v2. */
class EmbeddingCommandsTest {
    @TempDir
    static Path root;
    static Path model;

    @BeforeAll
    static void convert() {
        model = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
    }

    @Test
    void embedPrintsOneNormalizedVectorPerTextAsTheJavaApiComputesIt() {
        CliRun run = CliRun.run("embed", "--model", model.toString(), "A man is eating food.", "A man eats a meal.");
        assertThat(run.status()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("text").asText()).isEqualTo("A man is eating food.");
        float[] printed = vector(lines.get(1).get("embedding"));
        assertThat(printed).hasSize(384);
        assertThat(norm(printed)).isCloseTo(1.0, within(1e-4));
        assertThat(lines.get(0).has("truncated")).isFalse();
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            float[] api = new SentenceEmbeddingPipeline(LoadedModel.load(model)).embed(ctx, "A man eats a meal.").vector();
            assertThat(printed).containsExactly(api, within(1e-6f));
        }
    }

    @Test
    void embedOptionsOverrideThePoolingAndNormalization() {
        JsonNode line = CliRun.run("embed", "--model", model.toString(), "--pooling", "cls", "--no-normalize", "Hello")
                .jsonLines().getFirst();
        float[] printed = vector(line.get("embedding"));
        assertThat(norm(printed)).isNotCloseTo(1.0, within(1e-3));
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            float[] api = new SentenceEmbeddingPipeline(LoadedModel.load(model))
                    .withPooling(PoolingMode.CLS).withNormalize(false).embed(ctx, "Hello").vector();
            assertThat(printed).containsExactly(api, within(1e-6f));
        }
        CliRun bad = CliRun.run("embed", "--model", model.toString(), "--pooling", "median", "x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown pooling mode 'median'");
    }

    @Test
    void embedReadsJsonLinesAndReportsTruncation() {
        String stdin = "{\"text\": \"first\"}\n{\"text\": \"" + "word ".repeat(600) + "\"}\n{\"oops\": 1}\n";
        CliRun run = CliRun.withInput(stdin, "embed", "--model", model.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("text").asText()).isEqualTo("first");
        assertThat(lines.get(1).get("truncated").asBoolean()).isTrue();
        assertThat(lines.get(2).get("error").asText()).contains("missing field \"text\"");
        assertThat(lines.get(2).get("oops").asInt()).isEqualTo(1);
        assertThat(run.err()).contains("truncated to 256 tokens");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void similarityPrintsAReadableMatrix() {
        CliRun run = CliRun.run("similarity", "--model", model.toString(),
                "The cat sits on the mat.", "A cat is sitting on a rug.", "Stock markets fell sharply today.");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("[1] The cat sits on the mat.").contains("[3] Stock markets fell sharply today.");
        String[] rows = run.out().strip().split("\n");
        String first = rows[rows.length - 3];
        assertThat(first).startsWith("[1]").contains("1.0000");
        JsonNode json = CliRun.run("similarity", "--model", model.toString(), "--json",
                "The cat sits on the mat.", "A cat is sitting on a rug.", "Stock markets fell sharply today.").json();
        JsonNode m = json.get("similarity");
        assertThat(m.get(0).get(1).asDouble()).isEqualTo(m.get(1).get(0).asDouble());
        assertThat(m.get(0).get(1).asDouble()).isGreaterThan(m.get(0).get(2).asDouble() + 0.3);
        assertThat(CliRun.run("similarity", "--model", model.toString(), "alone").status()).isEqualTo(2);
    }

    @Test
    void featureExtractionPrintsTokenVectorsLayersAndAttentions() {
        JsonNode json = CliRun.run("feature-extraction", "--model", model.toString(), "--pair", "It is there.",
                "--hidden-states", "--attentions", "Where is it?").json();
        JsonNode tokens = json.get("tokens");
        int t = tokens.size();
        assertThat(tokens.get(0).asText()).isEqualTo("[CLS]");
        assertThat(json.get("last_hidden_state")).hasSize(t);
        assertThat(json.get("last_hidden_state").get(0)).hasSize(384);
        assertThat(json.get("hidden_states")).hasSize(7);
        // the last hidden state is the last layer's output
        assertThat(json.get("hidden_states").get(6)).isEqualTo(json.get("last_hidden_state"));
        JsonNode attention = json.get("attentions");
        assertThat(attention).hasSize(6);
        assertThat(attention.get(0)).hasSize(12);
        double rowSum = 0;
        for (JsonNode p : attention.get(5).get(11).get(t - 1)) {
            rowSum += p.asDouble();
        }
        assertThat(rowSum).isCloseTo(1.0, within(1e-4));
        JsonNode plain = CliRun.run("feature-extraction", "--model", model.toString(), "Where is it?").json();
        assertThat(plain.has("hidden_states")).isFalse();
        assertThat(plain.has("attentions")).isFalse();
    }

    @Test
    void inspectCountsParametersPerModule() {
        CliRun run = CliRun.run("inspect", "--model", model.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("hidden_size").contains("encoder.layer.5").contains("model.safetensors")
                .contains("sentence-transformers: pooling [mean], normalized");
        JsonNode json = CliRun.run("inspect", "--model", model.toString(), "--json").json();
        long sum = 0;
        for (JsonNode n : json.get("parameters")) {
            sum += n.asLong();
        }
        assertThat(json.get("total_parameters").asLong()).isEqualTo(sum);
        // one layer: 4 (C x C + C) attention projections + 2 LayerNorms + the 4C feed-forward in and out
        int c = 384;
        assertThat(json.get("parameters").get("encoder.layer.0").asLong())
                .isEqualTo(4L * (c * c + c) + 2L * 2 * c + (4L * c * c + 4 * c) + (4L * c * c + c));
    }

    @Test
    void convertTurnsAnOnnxExportIntoADirectoryThatEmbedsTheSame() throws IOException {
        Path onnx = root.resolve("bge.onnx");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            Files.copy(in, onnx);
        }
        Path tokenizer = model.resolve("tokenizer.json");
        Path out = root.resolve("converted");
        CliRun run = CliRun.run("convert", "--onnx", onnx.toString(), "--tokenizer", tokenizer.toString(),
                "--pooling", "mean", "--normalize", "--max-seq-length", "256", "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote");
        assertThat(CliRun.run("embed", "--model", out.toString(), "same text").out())
                .isEqualTo(CliRun.run("embed", "--model", model.toString(), "same text").out());
        CliRun again = CliRun.run("convert", "--onnx", onnx.toString(), "--out", out.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        CliRun neither = CliRun.run("convert", "--out", root.resolve("x").toString());
        assertThat(neither.status()).isEqualTo(2);
    }

    @Test
    void aTokenizerJsonServesTokenizeButIsNoModel() throws IOException {
        Path dir = Files.createDirectories(root.resolve("export"));
        Files.copy(model.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        CliRun run = CliRun.run("tokenize", "--model", dir.resolve("tokenizer.json").toString(), "onnx");
        assertThat(run.status()).as(run.err()).isZero();
        CliRun bad = CliRun.run("embed", "--model", dir.resolve("tokenizer.json").toString(), "x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("not an ONNX export");
    }

    private static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
