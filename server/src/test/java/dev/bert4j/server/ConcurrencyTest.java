package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Many clients at once, each embedding its own text again and again through TEI's and OpenAI's routes, some
 * with a second text in the same request: the one inference thread batches their inputs together, and every
 * answer is still the embedding of the asking client's own text, in the asked order.
 */
class ConcurrencyTest {
    static final int CLIENTS = 36;
    static final int ROUNDS = 5;
    static final String[] TOPICS = {"the weather in the mountains", "a recipe for bread", "the history of Rome",
            "how transformers attend", "football results", "a walk on the beach", "quantum computing",
            "the price of coffee"};

    static Bert4jServer server;
    static Http http;
    static ComputeContext ctx;
    static SentenceEmbeddingPipeline library;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, "minilm").withThreads(1));
        http = new Http(server.port());
        ctx = ComputeContext.inference(1);
        library = new SentenceEmbeddingPipeline(LoadedModel.load(ServerFixtures.embedder())).withNormalize(true);
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    /** Client i's text: distinct, and of lengths that vary from 10 to 40-odd tokens. */
    static String text(int i) {
        return "Client " + i + " writes about " + TOPICS[i % TOPICS.length]
                + " and adds more detail".repeat(i % 7) + ".";
    }

    /** One client's answers: {@code [round][input]}, each the embedding the server returned. */
    static List<float[][]> client(int i, CountDownLatch go) throws InterruptedException {
        go.await();
        List<String> inputs = i % 4 == 0 ? List.of(text(i), text((i + 1) % CLIENTS)) : List.of(text(i));
        List<float[][]> answers = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean openAi = (i + round) % 2 == 1;
            Object input = inputs.size() == 1 ? inputs.getFirst() : inputs;
            Http.Reply r = openAi ? http.postJson("/v1/embeddings", Map.of("input", input, "model", "x"))
                    : http.postJson("/embed", Map.of("inputs", input));
            assertThat(r.status()).as("client %d round %d: %s", i, round, r).isEqualTo(200);
            JsonNode json = r.json();
            float[][] vectors = new float[inputs.size()][];
            for (int k = 0; k < inputs.size(); k++) {
                vectors[k] = Http.floats(openAi ? json.get("data").get(k).get("embedding") : json.get(k));
            }
            answers.add(vectors);
        }
        return answers;
    }

    @Test
    void everyClientGetsItsOwnTextsEmbeddingWhileTheirRequestsAreBatchedTogether() throws Exception {
        List<float[]> expected = IntStream.range(0, CLIENTS).mapToObj(i -> library.embed(ctx, text(i)).vector()).toList();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<float[][]>>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                clients.add(pool.submit(() -> client(client, go)));
            }
            go.countDown();
        }
        int inputs = 0;
        for (int i = 0; i < CLIENTS; i++) {
            List<float[][]> answers = clients.get(i).get();
            for (int round = 0; round < ROUNDS; round++) {
                float[][] vectors = answers.get(round);
                for (int k = 0; k < vectors.length; k++) {
                    int owner = (i + k) % CLIENTS;
                    assertThat(nearest(vectors[k], expected)).as("client %d round %d input %d", i, round, k)
                            .isEqualTo(owner);
                    assertThat(vectors[k]).as("client %d round %d input %d", i, round, k)
                            .containsExactly(expected.get(owner), within(1e-6f));
                    inputs++;
                }
            }
        }

        String metrics = http.get("/metrics").body();
        double calls = Metrics.sample(metrics, "te_batch_next_size_count", "");
        double single = Metrics.sample(metrics, "te_batch_next_size_bucket", "le=\"1.0\"");
        assertThat(Metrics.sample(metrics, "te_batch_next_size_sum", "")).as("inputs run by the model")
                .isEqualTo(inputs);
        assertThat(single).as("model calls with a single input, of %s calls", calls).isLessThan(calls);
        assertThat(calls).as("model calls for %d inputs", inputs).isLessThan(inputs);
    }

    /**
     * Fill-mask requests arriving together share a model call; some have no [MASK], which the pipeline refuses
     * for the whole call. Each refused text gets its own 422, and every other request still its own answer.
     */
    @Test
    void aTextTheModelRefusesFailsOnlyItsOwnRequestInASharedBatch() throws Exception {
        FillMaskPipeline pipeline = FillMaskPipeline.load(ServerFixtures.preTraining());
        int clients = 8;
        List<String> texts = IntStream.range(0, clients).mapToObj(i -> i % 4 == 0 ? "Sentence " + i + " has no mask."
                : "Sentence " + i + " is about [MASK] and " + TOPICS[i % TOPICS.length] + ".").toList();
        try (Bert4jServer preTraining = Bert4jServer.start(ServerFixtures.preTraining(),
                ServerOptions.defaults(0, "pretraining").withThreads(1))) {
            Http fill = new Http(preTraining.port());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Http.Reply>>> replies = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String t : texts) {
                    replies.add(pool.submit(() -> {
                        go.await();
                        List<Http.Reply> out = new ArrayList<>();
                        for (int round = 0; round < 2; round++) {
                            out.add(fill.postJson("/fill-mask", Map.of("text", t)));
                        }
                        return out;
                    }));
                }
                go.countDown();
            }
            for (int i = 0; i < clients; i++) {
                List<MaskPrediction> expected = i % 4 == 0 ? null
                        : pipeline.run(ctx, texts.get(i), FillMaskOptions.DEFAULTS).getFirst();
                for (Http.Reply r : replies.get(i).get()) {
                    if (expected == null) {
                        assertThat(Errors.assertTei(r, 422, "Validation")).contains("No mask_token");
                        continue;
                    }
                    assertThat(r.status()).as("text %d: %s", i, r).isEqualTo(200);
                    JsonNode got = r.json();
                    assertThat(got).hasSize(expected.size());
                    for (int k = 0; k < expected.size(); k++) {
                        assertThat(got.get(k).get("token").asInt()).isEqualTo(expected.get(k).token());
                        assertThat(got.get(k).get("score").doubleValue()).isCloseTo(expected.get(k).score(), within(1e-6));
                    }
                }
            }
            String metrics = fill.get("/metrics").body();
            assertThat(Metrics.sample(metrics, "te_batch_next_size_bucket", "le=\"1.0\""))
                    .as("model calls with one input").isLessThan(Metrics.sample(metrics, "te_batch_next_size_count", ""));
        }
    }

    /** The index of the expected embedding closest to {@code v} (the largest dot product of unit vectors). */
    static int nearest(float[] v, List<float[]> expected) {
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < expected.size(); j++) {
            double d = EmbeddingRoutesTest.dot(v, expected.get(j));
            if (d > bestDot) {
                bestDot = d;
                best = j;
            }
        }
        return best;
    }
}
