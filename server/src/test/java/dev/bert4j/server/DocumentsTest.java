package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.tokenizers.SpecialTokens;
import dev.bert4j.viz.AttentionPage;
import dev.bert4j.viz.AttentionReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server serves besides answers: its OpenAPI document, and the attention page of {@code bert4j attention}. */
class DocumentsTest {
    static final String MODEL_ID = "all-MiniLM-L6-v2";
    static Bert4jServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, MODEL_ID).withThreads(1));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNothingElse() {
        Http.Reply reply = http.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode doc = reply.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> served = new HashSet<>();
        for (Route r : server.routes()) {
            served.add(r.method().toLowerCase(Locale.ROOT) + " " + r.path());
        }
        Set<String> documented = new HashSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m + " " + p.getKey())));
        assertThat(documented).isEqualTo(served);
        List<String> unresolved = new ArrayList<>();
        collectRefs(doc.get("paths"), doc.get("components").get("schemas"), unresolved);
        assertThat(unresolved).as("$refs without a schema").isEmpty();
    }

    private static void collectRefs(JsonNode node, JsonNode schemas, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && !schemas.has(ref.asText().substring(ref.asText().lastIndexOf('/') + 1))) {
                unresolved.add(ref.asText());
            }
            node.elements().forEachRemaining(e -> collectRefs(e, schemas, unresolved));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(e -> collectRefs(e, schemas, unresolved));
        }
    }

    @Test
    void theAttentionPageIsTheOneBert4jAttentionMakesForTheText() {
        String text = "The cat sat on the mat.";
        String pair = "It was tired.";
        Http.Reply reply = http.postJson("/attention/page", java.util.Map.of("text", text, "text_pair", pair));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");

        LoadedModel model = LoadedModel.load(ServerFixtures.embedder());
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            TokenFeatures f = new FeatureExtractionPipeline(model).extract(ctx, text, pair, false, true);
            SpecialTokens special = model.tokenizer().specialTokens();
            String expected = AttentionPage.html(AttentionReport.of(MODEL_ID, text, pair, List.of(f.tokens()),
                    f.truncated(), f.attentions(), special.cls(), special.sep()));
            assertThat(reply.body()).isEqualTo(expected);
        }
    }

    @Test
    void theAttentionPageRefusesTextsLongerThanItsLimit() {
        String longText = "word ".repeat(TaskRoutes.PAGE_MAX_TOKENS);
        Http.Reply reply = http.postJson("/attention/page", java.util.Map.of("text", longText));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("error_type").asText()).isEqualTo("Validation");
        assertThat(reply.json().get("error").asText()).contains("at most " + TaskRoutes.PAGE_MAX_TOKENS + " tokens");
        assertThat(http.postJson("/attention/page", java.util.Map.of("text", "short")).status()).isEqualTo(200);
    }
}
