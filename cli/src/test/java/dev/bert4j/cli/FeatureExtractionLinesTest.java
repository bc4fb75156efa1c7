package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code feature-extraction} on JSON Lines runs packed batches; each line's answer is the single-text answer. */
class FeatureExtractionLinesTest {
    @TempDir
    static Path root;

    @Test
    void packedJsonLinesAnswerAsEachTextAlone() {
        String model = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"),
                ConversionListener.NONE).toString();
        String input = """
                {"text": "Where is the station?", "text_pair": "It is over there.", "id": 1}
                {"text": "Short.", "id": "b"}
                {"text_pair": "no text"}
                {"text": "A longer sentence, so that the packed batch holds sequences of different lengths."}
                """;
        CliRun run = CliRun.withInput(input, "feature-extraction", "--model", model);
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("id").asText()).isEqualTo("b");
        assertThat(lines.get(2).get("error").asText()).contains("text");
        assertSame(lines.get(0), CliRun.run("feature-extraction", "--model", model, "--pair", "It is over there.",
                "Where is the station?").json());
        assertSame(lines.get(1), CliRun.run("feature-extraction", "--model", model, "Short.").json());
        assertSame(lines.get(3), CliRun.run("feature-extraction", "--model", model,
                "A longer sentence, so that the packed batch holds sequences of different lengths.").json());
        CliRun layers = CliRun.withInput("{\"text\": \"Short.\"}\n", "feature-extraction", "--model", model,
                "--hidden-states");
        assertThat(layers.jsonLines().getFirst().get("hidden_states")).hasSize(7);
    }

    private static void assertSame(JsonNode line, JsonNode alone) {
        assertThat(line.get("tokens")).isEqualTo(alone.get("tokens"));
        JsonNode a = line.get("last_hidden_state");
        JsonNode b = alone.get("last_hidden_state");
        assertThat(a.size()).isEqualTo(b.size());
        for (int t = 0; t < a.size(); t++) {
            for (int c = 0; c < a.get(t).size(); c++) {
                assertThat(a.get(t).get(c).asDouble()).isCloseTo(b.get(t).get(c).asDouble(), within(2e-5));
            }
        }
    }
}
