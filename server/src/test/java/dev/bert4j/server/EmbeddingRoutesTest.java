package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The embedding routes of a server on the real all-MiniLM-L6-v2, each answer compared with the core library's
 * pipelines run directly on the same model directory: TEI's {@code /embed}, {@code /embed_all},
 * {@code /similarity}, {@code /tokenize}, {@code /decode}, {@code /info} and OpenAI's {@code /v1/embeddings}.
 */
class EmbeddingRoutesTest {
    static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";
    static final List<String> TEXTS = List.of("The quick brown fox jumps over the lazy dog.",
            "A server that answers what the library answers.", "Zürich's café serves crème brûlée 🍰!");

    static Bert4jServer server;
    static Http http;
    static ComputeContext ctx;
    static Tokenizer tokenizer;
    static SentenceEmbeddingPipeline normalized;
    static SentenceEmbeddingPipeline unnormalized;
    static FeatureExtractionPipeline features;

    @BeforeAll
    static void start() {
        server = Bert4jServer.start(ServerFixtures.embedder(), ServerOptions.defaults(0, MODEL_ID).withThreads(1));
        http = new Http(server.port());
        LoadedModel model = LoadedModel.load(ServerFixtures.embedder());
        ctx = ComputeContext.inference(1);
        tokenizer = model.tokenizer().withoutPadding().withoutTruncation();
        normalized = new SentenceEmbeddingPipeline(model).withNormalize(true);
        unnormalized = new SentenceEmbeddingPipeline(model).withNormalize(false);
        features = new FeatureExtractionPipeline(model);
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    static float[] library(String text) {
        return normalized.embed(ctx, text).vector();
    }

    @Test
    void embedNormalizesByDefaultAndEqualsTheSentenceEmbeddingPipeline() {
        JsonNode one = http.postJson("/embed", Map.of("inputs", TEXTS.getFirst())).json();
        assertThat(one.isArray()).isTrue();
        assertThat(one).hasSize(1);
        assertThat(Http.floats(one.get(0))).hasSize(384).containsExactly(library(TEXTS.getFirst()), within(1e-6f));

        JsonNode batch = http.postJson("/embed", Map.of("inputs", TEXTS)).json();
        assertThat(batch).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(Http.floats(batch.get(i))).as("input %d", i).containsExactly(library(TEXTS.get(i)), within(1e-6f));
        }

        JsonNode raw = http.postJson("/embed", Map.of("inputs", TEXTS.get(1), "normalize", false)).json();
        float[] expected = unnormalized.embed(ctx, TEXTS.get(1)).vector();
        assertThat(norm(expected)).isNotCloseTo(1.0, within(0.01));          // so normalize=false is visible
        assertThat(Http.floats(raw.get(0))).containsExactly(expected, within(1e-6f));
    }

    @Test
    void embedTakesTokenIdsAsTheyAreAndTheRootRouteEmbeds() {
        int[] ids = tokenizer.encode(TEXTS.get(1)).ids();                    // [CLS] ... [SEP], given by the client
        JsonNode fromIds = http.postJson("/embed", Map.of("inputs", ids)).json();
        assertThat(Http.floats(fromIds.get(0))).containsExactly(library(TEXTS.get(1)), within(1e-6f));

        JsonNode root = http.postJson("/", Map.of("inputs", TEXTS.get(2))).json();
        assertThat(Http.floats(root.get(0))).containsExactly(library(TEXTS.get(2)), within(1e-6f));
    }

    @Test
    void openAiEmbeddingsAsFloatsAndAsLittleEndianBase64CountTheRealTokens() {
        JsonNode f = http.postJson("/v1/embeddings", Map.of("input", TEXTS, "model", "anything")).json();
        assertThat(f.get("object").asText()).isEqualTo("list");
        assertThat(f.get("model").asText()).isEqualTo(MODEL_ID);
        int tokens = TEXTS.stream().mapToInt(t -> tokenizer.encode(t).length()).sum();     // specials included
        assertThat(tokens).isGreaterThan(TEXTS.size() * 2 + 10);
        assertThat(f.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(f.get("usage").get("total_tokens").asInt()).isEqualTo(tokens);
        assertThat(f.get("data")).hasSize(TEXTS.size());

        JsonNode b = http.postJson("/v1/embeddings", Map.of("input", TEXTS, "model", "x", "encoding_format", "base64"))
                .json();
        assertThat(b.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokens);
        for (int i = 0; i < TEXTS.size(); i++) {
            JsonNode item = f.get("data").get(i);
            assertThat(item.get("object").asText()).isEqualTo("embedding");
            assertThat(item.get("index").asInt()).isEqualTo(i);
            float[] floats = Http.floats(item.get("embedding"));
            assertThat(floats).containsExactly(library(TEXTS.get(i)), within(1e-6f));

            JsonNode b64 = b.get("data").get(i);
            assertThat(b64.get("index").asInt()).isEqualTo(i);
            assertThat(b64.get("embedding").isTextual()).isTrue();
            float[] decoded = littleEndianFloats(b64.get("embedding").asText());
            assertThat(decoded).containsExactly(floats);                       // the same float32 values, bit for bit
        }

        JsonNode alias = http.postJson("/embeddings", Map.of("input", TEXTS.getFirst(), "model", "x")).json();
        assertThat(Http.floats(alias.get("data").get(0).get("embedding")))
                .containsExactly(library(TEXTS.getFirst()), within(1e-6f));
    }

    @Test
    void dimensionsKeepTheFirstValuesAndNormalizeThemAgain() {
        float[] full = unnormalized.embed(ctx, TEXTS.getFirst()).vector();
        float[] expected = unit(Arrays.copyOf(full, 64));
        JsonNode openAi = http.postJson("/v1/embeddings", Map.of("input", TEXTS.getFirst(), "model", "x",
                "dimensions", 64)).json();
        float[] got = Http.floats(openAi.get("data").get(0).get("embedding"));
        assertThat(got).hasSize(64).containsExactly(expected, within(1e-6f));
        assertThat(norm(got)).isCloseTo(1.0, within(1e-5));

        JsonNode tei = http.postJson("/embed", Map.of("inputs", TEXTS.getFirst(), "dimensions", 64)).json();
        assertThat(Http.floats(tei.get(0))).containsExactly(expected, within(1e-6f));
    }

    @Test
    void embedAllIsTheModelsLastHiddenStateForEveryToken() {
        JsonNode all = http.postJson("/embed_all", Map.of("inputs", List.of(TEXTS.get(0), TEXTS.get(2)))).json();
        assertThat(all).hasSize(2);
        for (int k = 0; k < 2; k++) {
            String text = TEXTS.get(k * 2);
            Tensor hidden = features.extract(ctx, text, false, false).lastHiddenState();    // (T, C)
            int T = hidden.dim(0);
            int C = hidden.dim(1);
            assertThat(T).isEqualTo(tokenizer.encode(text).length());
            JsonNode rows = all.get(k);
            assertThat(rows).hasSize(T);
            for (int t = 0; t < T; t++) {
                assertThat(Http.floats(rows.get(t))).as("text %d token %d", k, t)
                        .containsExactly(Arrays.copyOfRange(hidden.data(), t * C, (t + 1) * C), within(1e-5f));
            }
        }
    }

    @Test
    void similarityIsTheCosineOfTheLibrarysEmbeddings() {
        String source = "A man is eating food.";
        List<String> sentences = List.of("A man is eating a piece of bread.", "A monkey is playing drums.",
                "The girl is carrying a baby.");
        JsonNode scores = http.postJson("/similarity", Map.of("inputs", Map.of("source_sentence", source,
                "sentences", sentences))).json();
        assertThat(scores).hasSize(3);
        float[] s = library(source);
        for (int i = 0; i < 3; i++) {
            assertThat(scores.get(i).doubleValue()).isCloseTo(dot(s, library(sentences.get(i))), within(1e-6));
        }
        assertThat(scores.get(0).doubleValue()).isGreaterThan(scores.get(1).doubleValue());
    }

    @Test
    void tokenizeGivesEachTokenWithItsOffsetsAndSpecialTokensWithoutThem() {
        String text = TEXTS.get(2);
        Encoding e = tokenizer.encode(text);
        JsonNode tokens = http.postJson("/tokenize", Map.of("inputs", text)).json().get(0);
        assertThat(tokens).hasSize(e.length());
        for (int i = 0; i < e.length(); i++) {
            JsonNode t = tokens.get(i);
            assertThat(t.get("id").asInt()).isEqualTo(e.ids()[i]);
            boolean special = e.specialTokensMask()[i] == 1;
            assertThat(t.get("special").asBoolean()).as("token %d", i).isEqualTo(special);
            if (special) {
                assertThat(t.get("start").isNull()).isTrue();
                assertThat(t.get("stop").isNull()).isTrue();
                assertThat(t.get("text").asText()).isEqualTo(e.tokens()[i]);
            } else {
                assertThat(t.get("start").asInt()).isEqualTo(e.start(i));
                assertThat(t.get("stop").asInt()).isEqualTo(e.end(i));
                assertThat(t.get("text").asText()).isEqualTo(text.substring(e.start(i), e.end(i)));
            }
        }
        assertThat(tokens.get(0).get("text").asText()).isEqualTo("[CLS]");

        JsonNode plain = http.postJson("/tokenize", Map.of("inputs", List.of(text, "hi"), "add_special_tokens", false))
                .json();
        assertThat(plain).hasSize(2);
        assertThat(plain.get(0)).hasSize(e.length() - 2);
        plain.get(0).forEach(t -> assertThat(t.get("special").asBoolean()).isFalse());
    }

    @Test
    void decodeTurnsIdsBackIntoTheLibrarysText() {
        int[] a = tokenizer.encode(TEXTS.get(0)).ids();
        int[] b = tokenizer.encode(TEXTS.get(1)).ids();
        JsonNode one = http.postJson("/decode", Map.of("ids", a)).json();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).asText()).isEqualTo(tokenizer.decode(a, true))
                .isEqualTo("the quick brown fox jumps over the lazy dog.");
        JsonNode two = http.postJson("/decode", Map.of("ids", List.of(a, b), "skip_special_tokens", false)).json();
        assertThat(two.get(0).asText()).isEqualTo(tokenizer.decode(a, false)).startsWith("[CLS]");
        assertThat(two.get(1).asText()).isEqualTo(tokenizer.decode(b, false));
    }

    @Test
    void infoDescribesTheModelAndTheLimits() {
        Http.Reply r = http.get("/info");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode info = r.json();
        assertThat(info.get("model_id").asText()).isEqualTo(MODEL_ID);
        assertThat(info.get("max_input_length").asInt()).isEqualTo(256);
        assertThat(info.get("model_type").get("embedding").get("pooling").asText()).isEqualTo("mean");
        assertThat(info.get("max_client_batch_size").asInt()).isEqualTo(ServerOptions.DEFAULT_MAX_CLIENT_BATCH_SIZE);
        assertThat(info.get("max_concurrent_requests").asInt()).isEqualTo(ServerOptions.DEFAULT_MAX_CONCURRENT_REQUESTS);
        assertThat(info.get("max_batch_tokens").asInt()).isEqualTo(ServerOptions.DEFAULT_MAX_BATCH_TOKENS);
        assertThat(info.get("auto_truncate").asBoolean()).isEqualTo(ServerOptions.DEFAULT_AUTO_TRUNCATE);
        assertThat(info.get("model_dtype").asText()).isEqualTo("float32");
        assertThat(info.get("version").asText()).isNotBlank();

        assertThat(http.get("/health").status()).isEqualTo(200);
        Http.Reply metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("te_request_count", "te_batch_next_size", "te_queue_size");
    }

    @Test
    void unusualTextsAreEmbeddedAsTheLibraryEmbedsThem() {
        List<String> texts = List.of("   ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "🍰".repeat(300), "\u200b\u200b",
                "e\u0301\u0301\u0301", "日本語のテキスト", "שלום עולם", "\t\n\r", "[CLS] [SEP] [MASK] [PAD]", "\uFEFFbom");
        for (String t : texts) {
            Http.Reply r = http.postJson("/embed", Map.of("inputs", t));
            assertThat(r.status()).as("%s for %s", r, t.codePoints().limit(5).mapToObj(Integer::toHexString).toList())
                    .isEqualTo(200);
            assertThat(Http.floats(r.json().get(0))).containsExactly(library(t), within(1e-6f));
        }
    }

    static float[] littleEndianFloats(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        assertThat(bytes.length % 4).isZero();
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** v / |v|, in double. */
    static float[] unit(float[] v) {
        double n = norm(v);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
