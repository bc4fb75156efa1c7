package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code bert4j attention} and {@code bert4j positional} on the real all-MiniLM-L6-v2. */
class AttentionCommandTest {
    @TempDir
    static Path root;
    static Path model;

    @BeforeAll
    static void convert() {
        model = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
    }

    @Test
    void attentionJsonHoldsTheNumbersFeatureExtractionPrints() throws IOException {
        String text = "The cat sat on the mat.";
        String pair = "東京は日本の首都です。";
        Path out = root.resolve("attention");
        CliRun run = CliRun.run("attention", "--model", model.toString(), "--threads", "1", text, "--pair", pair,
                "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(out.resolve("attention.html").toString(), "6 layers x 12 heads");
        assertThat(run.err()).as("a font with the Japanese glyphs is installed").doesNotContain("warning");

        CliRun features = CliRun.run("feature-extraction", "--model", model.toString(), "--threads", "1",
                "--attentions", "--pair", pair, text);
        assertThat(features.status()).as(features.err()).isZero();
        JsonNode expected = features.json();
        JsonNode json = new ObjectMapper().readTree(out.resolve("attention.json").toFile());
        assertThat(json.get("tokens")).isEqualTo(expected.get("tokens"));
        JsonNode a = json.get("attentions");
        JsonNode e = expected.get("attentions");
        assertThat(a).hasSize(6);
        for (int l = 0; l < e.size(); l++) {
            for (int h = 0; h < e.get(l).size(); h++) {
                for (int i = 0; i < e.get(l).get(h).size(); i++) {
                    for (int j = 0; j < e.get(l).get(h).get(i).size(); j++) {
                        assertThat(a.get(l).get(h).get(i).get(j).floatValue()).as("layer %d head %d [%d][%d]", l, h, i, j)
                                .isEqualTo(e.get(l).get(h).get(i).get(j).floatValue());
                    }
                }
            }
        }
        assertThat(json.get("heads")).hasSize(72);
        double sum = 0;
        for (JsonNode v : json.get("rollout")) {
            sum += v.asDouble();
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
        try (Stream<Path> pngs = Files.list(out.resolve("heatmaps"))) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(72);
        }
        assertThat(out.resolve("rollout.png")).isNotEmptyFile();
        assertThat(out.resolve("entropy.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("attention.html"))).contains("東京");
    }

    @Test
    void positionalWritesThePageAndSimilaritiesOfOneOnTheDiagonal() throws IOException {
        Path out = root.resolve("positional");
        CliRun run = CliRun.run("positional", "--model", model.toString(), "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("512 positions x 384 dimensions");
        for (String f : new String[] {"positional.html", "position_embeddings.png", "position_similarity.png",
            "sinusoidal.png", "sinusoidal_similarity.png"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("positional.json").toFile());
        for (int p = 0; p < 512; p++) {
            assertThat(json.get("position_similarity").get(p).get(p).floatValue()).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void badOptionsAreOneLineErrors() {
        CliRun noOut = CliRun.run("attention", "--model", model.toString(), "Hello");
        assertThat(noOut.status()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
        CliRun empty = CliRun.run("attention", "--model", model.toString(), "  ", "--out", root.resolve("x").toString());
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).contains("TEXT is empty");
        CliRun positional = CliRun.run("positional", "--model", root.resolve("missing").toString(), "--out",
                root.resolve("y").toString());
        assertThat(positional.status()).isEqualTo(2);
    }
}
