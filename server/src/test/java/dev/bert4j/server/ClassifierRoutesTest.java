package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The routes of sequence classifiers: TEI's {@code /predict} (a 3-label classifier) and {@code /rerank} (a
 * 1-label cross-encoder), bert4j's {@code /classify}, and {@code POST /} on each, every answer compared with
 * {@link TextClassificationPipeline} run directly on the same model directory.
 */
class ClassifierRoutesTest {
    static final TextClassificationOptions ALL = TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all());

    static Bert4jServer classifierServer;
    static Bert4jServer rerankerServer;
    static Http classifier;
    static Http reranker;
    static TextClassificationPipeline sentiment;
    static TextClassificationPipeline crossEncoder;
    static ComputeContext ctx;

    @BeforeAll
    static void start() {
        classifierServer = Bert4jServer.start(ServerFixtures.classifier(),
                ServerOptions.defaults(0, "sentiment").withThreads(1));
        rerankerServer = Bert4jServer.start(ServerFixtures.reranker(), ServerOptions.defaults(0, "reranker").withThreads(1));
        classifier = new Http(classifierServer.port());
        reranker = new Http(rerankerServer.port());
        sentiment = TextClassificationPipeline.load(ServerFixtures.classifier());
        crossEncoder = TextClassificationPipeline.load(ServerFixtures.reranker());
        ctx = ComputeContext.inference(1);
    }

    @AfterAll
    static void stop() {
        classifierServer.close();
        rerankerServer.close();
        ctx.close();
    }

    /** The server's TEI scores equal the pipeline's, and come highest first. */
    static void assertScores(JsonNode got, List<LabelScore> expected) {
        assertThat(got.isArray()).as("%s", got).isTrue();
        assertThat(got).hasSize(expected.size());
        List<Double> scores = new ArrayList<>();
        got.forEach(s -> scores.add(s.get("score").doubleValue()));
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
        List<LabelScore> sorted = expected.stream().sorted(Comparator.comparingDouble(LabelScore::score).reversed())
                .toList();
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(got.get(i).get("label").asText()).isEqualTo(sorted.get(i).label());
            assertThat(got.get(i).get("score").doubleValue()).isCloseTo(sorted.get(i).score(), within(1e-6));
        }
    }

    @Test
    void predictScoresEveryLabelOfATextHighestFirst() {
        String text = "I loved this film, it was wonderful.";
        List<LabelScore> expected = sentiment.run(ctx, text, ALL);
        assertThat(expected.stream().mapToDouble(LabelScore::score).sum()).isCloseTo(1.0, within(1e-6));   // softmax
        assertScores(classifier.postJson("/predict", Map.of("inputs", text)).json(), expected);
        assertScores(classifier.postJson("/", Map.of("inputs", text)).json(), expected);      // TEI's root route

        List<LabelScore> logits = sentiment.run(ctx, text, ALL.withFunctionToApply(FunctionToApply.NONE));
        assertScores(classifier.postJson("/predict", Map.of("inputs", text, "raw_scores", true)).json(), logits);
        assertThat(logits.stream().mapToDouble(LabelScore::score).sum()).isNotCloseTo(1.0, within(1e-3));
    }

    @Test
    void predictReadsTwoStringsAsOnePairAndAListOfItemsAsABatch() {
        String a = "The weather is lovely today.";
        String b = "It is raining and cold.";
        JsonNode pair = classifier.postJson("/predict", Map.of("inputs", List.of(a, b))).json();
        assertScores(pair, sentiment.run(ctx, a, b, ALL));
        assertThat(pair.get(0).isObject()).isTrue();                      // one answer, not a batch of two

        List<Object> items = List.of("Terrible service.", List.of(a, b), "Fine, I guess.");
        JsonNode batch = classifier.postJson("/predict", Map.of("inputs", items)).json();
        assertThat(batch).hasSize(3);
        assertScores(batch.get(0), sentiment.run(ctx, "Terrible service.", ALL));
        assertScores(batch.get(1), sentiment.run(ctx, a, b, ALL));
        assertScores(batch.get(2), sentiment.run(ctx, "Fine, I guess.", ALL));
    }

    @Test
    void classifyAnswersAsTheCliWithTopKPairsAndFunctions() {
        String text = "What a dreadful, boring evening.";
        JsonNode best = classifier.postJson("/classify", Map.of("text", text)).json();
        List<LabelScore> expected = sentiment.run(ctx, text, TextClassificationOptions.DEFAULTS);
        assertThat(best).hasSize(1);
        assertThat(best.get(0).get("label").asText()).isEqualTo(expected.getFirst().label());
        assertThat(best.get(0).get("score").doubleValue()).isCloseTo(expected.getFirst().score(), within(1e-6));

        assertScores(classifier.postJson("/classify", Map.of("text", text, "top_k", "all")).json(),
                sentiment.run(ctx, text, ALL));
        assertScores(classifier.postJson("/classify", Map.of("text", text, "top_k", 2)).json(),
                sentiment.run(ctx, text, TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.top(2))));
        assertScores(classifier.postJson("/classify", Map.of("text", text, "text_pair", "Never again.", "top_k", "all",
                        "function_to_apply", "sigmoid")).json(),
                sentiment.run(ctx, text, "Never again.", ALL.withFunctionToApply(FunctionToApply.SIGMOID)));
    }

    @Test
    void infoNamesTheLabelsOfTheClassifierAndMarksTheReranker() {
        JsonNode c = classifier.get("/info").json().get("model_type").get("classifier");
        assertThat(c.get("id2label").get("0").asText()).isEqualTo("NEGATIVE");
        assertThat(c.get("id2label").get("2").asText()).isEqualTo("POSITIVE");
        assertThat(c.get("label2id").get("NEUTRAL").asInt()).isEqualTo(1);
        assertThat(reranker.get("/info").json().get("model_type").has("reranker")).isTrue();
    }

    @Test
    void rerankScoresEachTextAgainstTheQueryHighestFirstWithIndices() {
        String query = "What is the capital of France?";
        List<String> texts = List.of("Paris is the capital of France.", "Bananas are yellow.",
                "France has many cities; its capital is Paris.", "The Eiffel tower is in Paris.");
        double[] expected = new double[texts.size()];
        double[] logits = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            List<LabelScore> s = crossEncoder.run(ctx, query, texts.get(i), ALL.withFunctionToApply(FunctionToApply.SIGMOID));
            expected[i] = s.getFirst().score();
            logits[i] = crossEncoder.run(ctx, query, texts.get(i), ALL.withFunctionToApply(FunctionToApply.NONE))
                    .getFirst().score();
            assertThat(expected[i]).isCloseTo(1 / (1 + Math.exp(-logits[i])), within(1e-6));
        }

        JsonNode ranks = reranker.postJson("/rerank", Map.of("query", query, "texts", texts)).json();
        assertRanks(ranks, expected, texts, false);
        assertRanks(reranker.postJson("/", Map.of("query", query, "texts", texts)).json(), expected, texts, false);
        assertRanks(reranker.postJson("/rerank", Map.of("query", query, "texts", texts, "return_text", true)).json(),
                expected, texts, true);
        assertRanks(reranker.postJson("/rerank", Map.of("query", query, "texts", texts, "raw_scores", true)).json(),
                logits, texts, false);
    }

    private static void assertRanks(JsonNode ranks, double[] expected, List<String> texts, boolean withText) {
        assertThat(ranks).hasSize(texts.size());
        List<Double> scores = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (JsonNode r : ranks) {
            int i = r.get("index").asInt();
            indices.add(i);
            scores.add(r.get("score").doubleValue());
            assertThat(r.get("score").doubleValue()).as("text %d", i).isCloseTo(expected[i], within(1e-6));
            if (withText) {
                assertThat(r.get("text").asText()).isEqualTo(texts.get(i));
            } else {
                assertThat(r.has("text")).as("%s", r).isFalse();
            }
        }
        assertThat(indices).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
    }
}
