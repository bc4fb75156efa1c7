package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A server with two slots ({@code --max-concurrent-requests 2}) under a burst of requests: the ones that find
 * no free slot are answered 429 at once, in the family's shape, the others get their embeddings; nothing is
 * a 5xx, and the slots all come back afterwards. A request with more inputs than slots can never be served.
 */
class BackpressureTest {
    static final int REQUESTS = 64;
    static final String OVERLOADED = "{\"error\":\"Model is overloaded\",\"error_type\":\"Overloaded\"}";

    static Bert4jServer server;
    static Http http;
    static ComputeContext ctx;
    static SentenceEmbeddingPipeline library;
    static String text;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, "minilm")
                .withMaxConcurrentRequests(2).withThreads(1));
        http = new Http(server.port());
        ctx = ComputeContext.inference(1);
        library = new SentenceEmbeddingPipeline(LoadedModel.load(ServerFixtures.embedder())).withNormalize(true);
        text = LongInputTest.words(0, 250);                         // a full-length input keeps each slot busy
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    @Test
    void aBurstBeyondTheSlotsIsPartly429AtOnceAndNever5xx() throws Exception {
        float[] expected = library.embed(ctx, text).vector();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                boolean openAi = i % 2 == 1;
                replies.add(pool.submit(() -> {
                    go.await();
                    return openAi ? http.postJson("/v1/embeddings", Map.of("input", text, "model", "x"))
                            : http.postJson("/embed", Map.of("inputs", text));
                }));
            }
            go.countDown();
        }
        int ok = 0;
        int overloaded = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Http.Reply r = replies.get(i).get();
            boolean openAi = i % 2 == 1;
            assertThat(r.status()).as("%s", r).isIn(200, 429);
            if (r.status() == 429) {
                overloaded++;
                if (openAi) {
                    assertThat(Errors.assertOpenAi(r, 429)).isEqualTo("Model is overloaded");
                } else {
                    assertThat(r.json()).isEqualTo(Http.JSON.readTree(OVERLOADED));
                }
            } else {
                ok++;
                JsonNode v = openAi ? r.json().get("data").get(0).get("embedding") : r.json().get(0);
                assertThat(Http.floats(v)).containsExactly(expected, within(1e-6f));
            }
        }
        assertThat(overloaded).as("429s of %d", REQUESTS).isPositive();
        assertThat(ok).as("200s of %d", REQUESTS).isPositive();

        for (int i = 0; i < 5; i++) {                                    // every slot came back
            assertThat(http.postJson("/embed", Map.of("inputs", List.of("a", "b"))).status()).isEqualTo(200);
        }
        String metrics = http.get("/metrics").body();
        assertThat(Metrics.sample(metrics, "bert4j_slots_in_use", "")).isZero();
        assertThat(Metrics.sample(metrics, "te_request_failure_total", "err=\"overloaded\"")).isEqualTo(overloaded);
    }

    @Test
    void aRequestWithMoreInputsThanSlotsIs429EvenWhenTheServerIsIdle() throws Exception {
        Http.Reply three = http.postJson("/embed", Map.of("inputs", List.of("a", "b", "c")));
        assertThat(three.status()).isEqualTo(429);
        assertThat(three.json()).isEqualTo(Http.JSON.readTree(OVERLOADED));
        assertThat(Errors.assertOpenAi(http.postJson("/v1/embeddings", Map.of("input", List.of("a", "b", "c"),
                "model", "x")), 429)).isEqualTo("Model is overloaded");
        Errors.assertTei(http.postJson("/similarity", Map.of("inputs", Map.of("source_sentence", "a",
                "sentences", List.of("b", "c")))), 429, "Overloaded");

        JsonNode two = http.postJson("/embed", Map.of("inputs", List.of("a", "b"))).json();
        assertThat(Http.floats(two.get(1))).containsExactly(library.embed(ctx, "b").vector(), within(1e-6f));
    }
}
