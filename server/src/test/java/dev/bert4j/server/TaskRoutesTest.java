package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
import dev.bert4j.pipeline.nsp.NextSentence;
import dev.bert4j.pipeline.nsp.NextSentencePipeline;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.EntityGroup;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.pipeline.token.TokenEntity;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * bert4j's task routes ({@code /ner}, {@code /qa}, {@code /fill-mask}, {@code /nsp}, {@code /feature-extraction},
 * {@code /attention}) on the real MiniLM encoder with seeded heads, each answer compared with the core pipeline
 * run directly on the same model directory.
 */
class TaskRoutesTest {
    static Bert4jServer nerServer;
    static Bert4jServer qaServer;
    static Bert4jServer preTrainingServer;
    static Http ner;
    static Http qa;
    static Http preTraining;
    static ComputeContext ctx;

    @BeforeAll
    static void start() {
        nerServer = Bert4jServer.start(ServerFixtures.ner(), ServerOptions.defaults(0, "ner").withThreads(1));
        qaServer = Bert4jServer.start(ServerFixtures.qa(), ServerOptions.defaults(0, "qa").withThreads(1));
        preTrainingServer = Bert4jServer.start(ServerFixtures.preTraining(),
                ServerOptions.defaults(0, "pretraining").withThreads(1));
        ner = new Http(nerServer.port());
        qa = new Http(qaServer.port());
        preTraining = new Http(preTrainingServer.port());
        ctx = ComputeContext.inference(1);
    }

    @AfterAll
    static void stop() {
        nerServer.close();
        qaServer.close();
        preTrainingServer.close();
        ctx.close();
    }

    @Test
    void nerGivesTheTokenEntitiesAndTheGroupsOfThePipeline() {
        TokenClassificationPipeline pipeline = TokenClassificationPipeline.load(ServerFixtures.ner());
        String text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday.";
        List<Entity> tokens = pipeline.run(ctx, text, TokenClassificationOptions.DEFAULTS);
        assertThat(tokens).isNotEmpty();
        JsonNode got = ner.postJson("/ner", Map.of("text", text)).json();
        assertThat(got).hasSize(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            TokenEntity e = (TokenEntity) tokens.get(i);
            JsonNode g = got.get(i);
            assertThat(g.get("entity").asText()).isEqualTo(e.entity());
            assertThat(g.get("index").asInt()).isEqualTo(e.index());
            assertThat(g.get("word").asText()).isEqualTo(e.word());
            assertThat(g.get("start").asInt()).isEqualTo(e.start());
            assertThat(g.get("end").asInt()).isEqualTo(e.end());
            assertThat(g.get("score").doubleValue()).isCloseTo(e.score(), within(1e-6));
        }

        List<Entity> groups = pipeline.run(ctx, text, TokenClassificationOptions.DEFAULTS
                .withAggregationStrategy(AggregationStrategy.SIMPLE));
        JsonNode gotGroups = ner.postJson("/ner", Map.of("text", text, "aggregation_strategy", "simple")).json();
        assertThat(gotGroups).hasSize(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            EntityGroup e = (EntityGroup) groups.get(i);
            JsonNode g = gotGroups.get(i);
            assertThat(g.get("entity_group").asText()).isEqualTo(e.entityGroup());
            assertThat(g.get("word").asText()).isEqualTo(e.word());
            assertThat(text.substring(g.get("start").asInt(), g.get("end").asInt()))
                    .isEqualTo(text.substring(e.start(), e.end()));
            assertThat(g.get("score").doubleValue()).isCloseTo(e.score(), within(1e-6));
        }
    }

    @Test
    void qaGivesTheBestSpanOrTheTopK() {
        QuestionAnsweringPipeline pipeline = QuestionAnsweringPipeline.load(ServerFixtures.qa());
        String question = "Where does Wolfgang live?";
        String context = "My name is Wolfgang and I live in Berlin. I work as an engineer in a small company.";
        Answer best = pipeline.run(ctx, question, context, pipeline.defaultOptions()).getFirst();
        JsonNode one = qa.postJson("/qa", Map.of("question", question, "context", context)).json();
        assertAnswer(one, best, context);

        List<Answer> top = pipeline.run(ctx, question, context, pipeline.defaultOptions().withTopK(3));
        JsonNode three = qa.postJson("/qa", Map.of("question", question, "context", context, "top_k", 3)).json();
        assertThat(three).hasSize(top.size());
        for (int i = 0; i < top.size(); i++) {
            assertAnswer(three.get(i), top.get(i), context);
        }
    }

    private static void assertAnswer(JsonNode got, Answer expected, String context) {
        assertThat(got.get("answer").asText()).isEqualTo(expected.answer())
                .isEqualTo(context.substring(got.get("start").asInt(), got.get("end").asInt()));
        assertThat(got.get("start").asInt()).isEqualTo(expected.start());
        assertThat(got.get("end").asInt()).isEqualTo(expected.end());
        assertThat(got.get("score").doubleValue()).isCloseTo(expected.score(), within(1e-6));
    }

    @Test
    void fillMaskGivesTheLibrarysCandidatesWithTopKAndTargets() {
        FillMaskPipeline pipeline = FillMaskPipeline.load(ServerFixtures.preTraining());
        String text = "The capital of France is [MASK].";
        assertPredictions(preTraining.postJson("/fill-mask", Map.of("text", text)).json(),
                pipeline.run(ctx, text, FillMaskOptions.DEFAULTS).getFirst());
        FillMaskOptions targets = FillMaskOptions.DEFAULTS.withTopK(2).withTargets(List.of("paris", "london"));
        assertPredictions(preTraining.postJson("/fill-mask", Map.of("text", text, "top_k", 2,
                "targets", List.of("paris", "london"))).json(), pipeline.run(ctx, text, targets).getFirst());

        String two = "[MASK] is the capital of [MASK].";
        List<List<MaskPrediction>> perMask = pipeline.run(ctx, two, FillMaskOptions.DEFAULTS.withTopK(3));
        JsonNode got = preTraining.postJson("/fill-mask", Map.of("text", two, "top_k", 3)).json();
        assertThat(got).hasSize(2);
        assertPredictions(got.get(0), perMask.get(0));
        assertPredictions(got.get(1), perMask.get(1));
    }

    private static void assertPredictions(JsonNode got, List<MaskPrediction> expected) {
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            MaskPrediction m = expected.get(i);
            JsonNode g = got.get(i);
            assertThat(g.get("token").asInt()).isEqualTo(m.token());
            assertThat(g.get("token_str").asText()).isEqualTo(m.tokenStr());
            assertThat(g.get("sequence").asText()).isEqualTo(m.sequence());
            assertThat(g.get("score").doubleValue()).isCloseTo(m.score(), within(1e-6));
        }
    }

    @Test
    void nspGivesTheHeadsProbabilities() {
        NextSentencePipeline pipeline = NextSentencePipeline.load(ServerFixtures.preTraining());
        String a = "I went to the store.";
        String b = "I bought a gallon of milk.";
        NextSentence expected = pipeline.run(ctx, a, b);
        JsonNode got = preTraining.postJson("/nsp", Map.of("text", a, "text_pair", b)).json();
        assertThat(got.get("is_next").asBoolean()).isEqualTo(expected.isNext());
        assertThat(got.get("is_next_probability").doubleValue()).isCloseTo(expected.isNextProbability(), within(1e-6));
        assertThat(got.get("not_next_probability").doubleValue()).isCloseTo(expected.notNextProbability(), within(1e-6));
        assertThat(got.get("is_next_probability").doubleValue() + got.get("not_next_probability").doubleValue())
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void featureExtractionAndAttentionAreThoseOfTheFeatureExtractionPipeline() {
        // the head directory links the converted encoder's weights, so the plain encoder's pipeline is the reference
        FeatureExtractionPipeline pipeline = new FeatureExtractionPipeline(LoadedModel.load(ServerFixtures.embedder()));
        String text = "Attention is all you need.";
        String pair = "Or is it?";
        TokenFeatures f = pipeline.extract(ctx, text, pair, true, true);
        JsonNode got = preTraining.postJson("/feature-extraction", Map.of("text", text, "text_pair", pair,
                "hidden_states", true, "attentions", true)).json();
        assertThat(got.isObject()).isTrue();
        List<String> tokens = Http.JSON.convertValue(got.get("tokens"), Http.JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(tokens).containsExactly(f.tokens());
        assertNested(got.get("last_hidden_state"), f.lastHiddenState());
        assertThat(got.get("hidden_states")).hasSize(f.hiddenStates().size()).hasSize(7);
        assertNested(got.get("hidden_states").get(3), f.hiddenStates().get(3));
        assertThat(got.get("attentions")).hasSize(6);
        assertNested(got.get("attentions").get(5), f.attentions().get(5));

        JsonNode plain = preTraining.postJson("/feature-extraction", Map.of("text", text)).json();
        assertThat(plain.has("hidden_states")).isFalse();
        assertThat(plain.has("attentions")).isFalse();
        assertNested(plain.get("last_hidden_state"), pipeline.extract(ctx, text, false, false).lastHiddenState());

        int layer = 2;
        int head = 3;
        JsonNode map = preTraining.postJson("/attention", Map.of("text", text, "layer", layer, "head", head)).json();
        Tensor a = pipeline.extract(ctx, text, false, true).attentions().get(layer);      // (H, T, T)
        int T = a.dim(1);
        assertThat(map.get("layer").asInt()).isEqualTo(layer);
        assertThat(map.get("head").asInt()).isEqualTo(head);
        assertThat(map.get("tokens")).hasSize(T);
        assertThat(map.get("attention")).hasSize(T);
        for (int i = 0; i < T; i++) {
            float[] row = Http.floats(map.get("attention").get(i));
            assertThat(row).hasSize(T).containsExactly(Arrays.copyOfRange(a.data(), (head * T + i) * T,
                    (head * T + i + 1) * T), within(1e-5f));
            double sum = 0;
            for (float p : row) {
                assertThat(p).isBetween(0f, 1f);
                sum += p;
            }
            assertThat(sum).as("row %d", i).isCloseTo(1.0, within(1e-5));
        }
    }

    /** A nested JSON array equals a tensor of the same shape, value by value. */
    private static void assertNested(JsonNode got, Tensor expected) {
        int[] shape = expected.shape();
        float[] flat = new float[expected.data().length];
        int[] n = {0};
        flatten(got, shape, 0, flat, n);
        assertThat(n[0]).isEqualTo(flat.length);
        assertThat(flat).containsExactly(expected.data(), within(1e-5f));
    }

    private static void flatten(JsonNode node, int[] shape, int dim, float[] out, int[] n) {
        assertThat(node).as("dimension %d", dim).hasSize(shape[dim]);
        for (JsonNode e : node) {
            if (dim == shape.length - 1) {
                out[n[0]++] = e.floatValue();
            } else {
                flatten(e, shape, dim + 1, out, n);
            }
        }
    }
}
