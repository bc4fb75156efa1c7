package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Bert4jServer#close()} with a slow request in flight: the request still gets its full, correct answer,
 * and once close returns the port refuses connections.
 */
class GracefulShutdownTest {

    @Test
    void aRequestInFlightWhenCloseIsCalledIsAnsweredAndThenThePortRefusesConnections() throws Exception {
        Bert4jServer server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, "minilm")
                .withThreads(1));
        int port = server.port();
        Http http = new Http(port);
        // 32 full-length inputs: seconds of work for one inference thread
        List<String> texts = IntStream.range(0, 32).mapToObj(i -> LongInputTest.words(i, i + 254)).toList();
        CompletableFuture<Http.Reply> slow = CompletableFuture.supplyAsync(
                () -> http.postJson("/embed", Map.of("inputs", texts)), r -> Thread.ofVirtual().start(r));
        while (Metrics.sample(http.get("/metrics").body(), "bert4j_slots_in_use", "") < texts.size()) {
            assertThat(slow).as("the slow request answered before close: %s", slow).isNotDone();
            Thread.sleep(5);
        }
        assertThat(slow).isNotDone();                              // in flight: its slots are held, no answer yet

        server.close();

        Http.Reply reply = slow.get();
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode vectors = reply.json();
        assertThat(vectors).hasSize(texts.size());
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            SentenceEmbeddingPipeline library = new SentenceEmbeddingPipeline(LoadedModel.load(ServerFixtures.embedder()))
                    .withNormalize(true);
            for (int i : new int[] {0, texts.size() - 1}) {
                assertThat(Http.floats(vectors.get(i))).containsExactly(library.embed(ctx, texts.get(i)).vector(),
                        within(1e-6f));
            }
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
