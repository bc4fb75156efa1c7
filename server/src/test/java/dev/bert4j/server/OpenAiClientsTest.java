package dev.bert4j.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnprocessableEntityException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tokenizers.Tokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * OpenAI clients nobody here wrote, pointed at the server's {@code /v1}: LangChain4j's
 * {@code OpenAiEmbeddingModel} and the official OpenAI Java SDK get the library's vectors, token counts and
 * errors through their own request building and response parsing.
 */
class OpenAiClientsTest {
    static final List<String> TEXTS = List.of("hello", "Embeddings from a pure-Java BERT server.",
            "A third, somewhat longer sentence, to vary the lengths in one request.");

    static Bert4jServer server;
    static String baseUrl;
    static ComputeContext ctx;
    static SentenceEmbeddingPipeline normalized;
    static SentenceEmbeddingPipeline unnormalized;
    static Tokenizer tokenizer;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, "all-MiniLM-L6-v2")
                .withThreads(1));
        baseUrl = "http://127.0.0.1:" + server.port() + "/v1";
        ctx = ComputeContext.inference(1);
        LoadedModel model = LoadedModel.load(ServerFixtures.embedder());
        normalized = new SentenceEmbeddingPipeline(model).withNormalize(true);
        unnormalized = new SentenceEmbeddingPipeline(model).withNormalize(false);
        tokenizer = model.tokenizer().withoutPadding().withoutTruncation();
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    static float[] library(String text) {
        return normalized.embed(ctx, text).vector();
    }

    static int tokens(List<String> texts) {
        return texts.stream().mapToInt(t -> tokenizer.encode(t).length()).sum();
    }

    @Test
    void langChain4jEmbedsOneTextAndManyWithTheLibrarysVectors() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(baseUrl).apiKey("unused").modelName("x")
                .maxRetries(0).build();
        Response<Embedding> one = model.embed("hello");
        assertThat(one.content().vector()).containsExactly(library("hello"), within(1e-6f));
        assertThat(one.tokenUsage().inputTokenCount()).isEqualTo(tokens(List.of("hello")));

        Response<List<Embedding>> all = model.embedAll(TEXTS.stream().map(TextSegment::from).toList());
        assertThat(all.content()).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(all.content().get(i).vector()).as("text %d", i).containsExactly(library(TEXTS.get(i)),
                    within(1e-6f));
        }
        assertThat(all.tokenUsage().inputTokenCount()).isEqualTo(tokens(TEXTS));
    }

    @Test
    void langChain4jAsksForFewerDimensions() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(baseUrl).apiKey("unused").modelName("x")
                .dimensions(32).maxRetries(0).build();
        float[] expected = EmbeddingRoutesTest.unit(Arrays.copyOf(unnormalized.embed(ctx, TEXTS.get(1)).vector(), 32));
        assertThat(model.embed(TEXTS.get(1)).content().vector()).containsExactly(expected, within(1e-6f));
    }

    @Test
    void theOfficialSdkGetsTheLibrarysVectorsAsFloatsAndAsBase64() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("unused").maxRetries(0).build();
        try {
            CreateEmbeddingResponse one = client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                    .input("hello").build());
            assertThat(floats(one, 0)).containsExactly(library("hello"), within(1e-6f));
            assertThat(one.usage().promptTokens()).isEqualTo(tokens(List.of("hello")));
            assertThat(one.usage().totalTokens()).isEqualTo(tokens(List.of("hello")));
            assertThat(one.model()).isEqualTo("all-MiniLM-L6-v2");

            for (EmbeddingCreateParams.EncodingFormat format : List.of(EmbeddingCreateParams.EncodingFormat.FLOAT,
                    EmbeddingCreateParams.EncodingFormat.BASE64)) {
                CreateEmbeddingResponse many = client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                        .inputOfArrayOfStrings(TEXTS).encodingFormat(format).build());
                assertThat(many.data()).hasSize(TEXTS.size());
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertThat(many.data().get(i).index()).isEqualTo(i);
                    assertThat(floats(many, i)).as("%s text %d", format, i).containsExactly(library(TEXTS.get(i)),
                            within(1e-6f));
                }
                assertThat(many.usage().promptTokens()).isEqualTo(tokens(TEXTS));
            }

            CreateEmbeddingResponse shortened = client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                    .input(TEXTS.get(2)).dimensions(48L).build());
            float[] expected = EmbeddingRoutesTest.unit(Arrays.copyOf(unnormalized.embed(ctx, TEXTS.get(2)).vector(), 48));
            assertThat(floats(shortened, 0)).containsExactly(expected, within(1e-6f));

            List<Long> ids = Arrays.stream(tokenizer.encode(TEXTS.get(1)).ids()).asLongStream().boxed().toList();
            CreateEmbeddingResponse fromIds = client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                    .inputOfArrayOfTokens(ids).build());
            assertThat(floats(fromIds, 0)).containsExactly(library(TEXTS.get(1)), within(1e-6f));
        } finally {
            client.close();
        }
    }

    @Test
    void theOfficialSdkReadsTheServersErrors() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("unused").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                    .inputOfArrayOfStrings(List.of()).build()))
                    .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(422);
                        assertThat(e.type()).contains("invalid_request_error");
                        assertThat(e.param()).contains("input");
                        assertThat(e.getMessage()).contains("`input` cannot be empty");
                    });
            assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model("x")
                    .input("hello").dimensions(4096L).build()))
                    .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(422));
        } finally {
            client.close();
        }
    }

    private static float[] floats(CreateEmbeddingResponse r, int i) {
        List<Float> v = r.data().get(i).embedding();
        float[] out = new float[v.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = v.get(k);
        }
        return out;
    }
}
