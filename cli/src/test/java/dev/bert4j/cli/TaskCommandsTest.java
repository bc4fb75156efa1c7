package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.model.HeadKind;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.MiniLmHeads;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.pipeline.token.AggregationStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every task command end to end on the real all-MiniLM-L6-v2 encoder with seeded random heads: the JSON
 * has Hugging Face's field names and the same answers the Java pipelines give.
 */
class TaskCommandsTest {
    @TempDir
    static Path root;
    static Path preTraining;
    static Path sentiment;
    static Path ner;
    static Path qa;
    static ComputeContext ctx;

    @BeforeAll
    static void models() {
        MiniLmHeads heads = new MiniLmHeads(root);
        preTraining = heads.withHead("pretraining", HeadKind.PRE_TRAINING, Map.of(), null, null);
        sentiment = heads.withHead("sentiment", HeadKind.SEQUENCE_CLASSIFICATION,
                Map.of(0, "NEGATIVE", 1, "POSITIVE"), null, null);
        ner = heads.withHead("ner", HeadKind.TOKEN_CLASSIFICATION,
                Map.of(0, "O", 1, "B-PER", 2, "I-PER", 3, "B-LOC", 4, "I-LOC"), null, 24);
        qa = heads.withHead("qa", HeadKind.QUESTION_ANSWERING, Map.of(), null, null);
        ctx = ComputeContext.inference(2);
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @Test
    void fillMaskPrintsHfFieldsAndTheJavaPipelinesAnswer() throws Exception {
        CliRun run = CliRun.run("fill-mask", "--model", preTraining.toString(), "--top-k", "3", "Paris is the [MASK] of France.");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json).hasSize(3);
        assertThat(json.get(0).has("score") && json.get(0).has("token") && json.get(0).has("token_str")
                && json.get(0).has("sequence")).isTrue();
        var expected = FillMaskPipeline.load(preTraining).run(ctx, "Paris is the [MASK] of France.",
                FillMaskOptions.DEFAULTS.withTopK(3)).getFirst();
        assertSameAnswers(json, JsonLinesTask.MAPPER.valueToTree(expected));

        JsonNode two = CliRun.run("fill-mask", "--model", preTraining.toString(), "[MASK] is the [MASK].").json();
        assertThat(two).hasSize(2);
        assertThat(two.get(0)).hasSize(5);

        JsonNode targets = CliRun.run("fill-mask", "--model", preTraining.toString(), "--targets", "capital,city",
                "Paris is the [MASK] of France.").json();
        assertThat(targets).hasSize(2);
        assertThat(List.of(targets.get(0).get("token_str").asText(), targets.get(1).get("token_str").asText()))
                .containsExactlyInAnyOrder("capital", "city");
    }

    @Test
    void fillMaskJsonLinesAnswersGoodLinesAndMarksBadOnes() {
        String stdin = "{\"id\": 1, \"text\": \"a [MASK] day\"}\n{\"text\": \"no mask here\", \"id\": 2}\n"
                + "{\"text\": \"the [MASK]\", \"id\": 3}\n";
        CliRun run = CliRun.withInput(stdin, "fill-mask", "--model", preTraining.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("predictions")).hasSize(5);
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("error").asText()).contains("No mask_token");
        assertThat(lines.get(2).get("predictions")).hasSize(5);
        for (int i = 0; i < 3; i++) {
            assertThat(lines.get(i).get("id").asInt()).isEqualTo(i + 1);
        }
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void jsonLinesAnswersAreObjectsWithTheCarriedFieldsBesideThem() {
        String texts = "{\"text\": \"What a lovely film.\", \"id\": \"a\", \"label\": 1}\n"
                + "{\"id\": \"b\", \"text\": \"Angela Merkel met Macron.\", \"label\": 0}\n";
        List<JsonNode> classified = CliRun.withInput(texts, "classify", "--model", sentiment.toString()).jsonLines();
        assertThat(classified.get(0).get("labels").get(0).get("label").asText()).isIn("NEGATIVE", "POSITIVE");
        assertThat(fieldNames(classified.get(1))).containsExactly("labels", "id", "label");
        List<JsonNode> tagged = CliRun.withInput(texts, "ner", "--model", ner.toString(), "--ignore-labels", "").jsonLines();
        assertThat(tagged.get(1).get("entities").size()).isGreaterThan(0);
        assertThat(fieldNames(tagged.get(1))).containsExactly("entities", "id", "label");
        String pairs = "{\"id\": 7, \"question\": \"Where?\", \"context\": \"It is in Paris.\"}\n";
        JsonNode one = CliRun.withInput(pairs, "qa", "--model", qa.toString()).jsonLines().getFirst();
        assertThat(fieldNames(one)).containsExactly("score", "start", "end", "answer", "id");
        JsonNode two = CliRun.withInput(pairs, "qa", "--model", qa.toString(), "--top-k", "2").jsonLines().getFirst();
        assertThat(two.get("answers")).hasSize(2);
        assertThat(two.get("id").asInt()).isEqualTo(7);
        JsonNode next = CliRun.withInput("{\"text\": \"I went out.\", \"text_pair\": \"It rained.\", \"id\": 8}\n",
                "nsp", "--model", preTraining.toString()).jsonLines().getFirst();
        assertThat(fieldNames(next)).containsExactly("is_next", "is_next_probability", "not_next_probability", "id");
        CliRun clash = CliRun.withInput("{\"text\": \"x\", \"labels\": [\"POSITIVE\"]}\n", "classify",
                "--model", sentiment.toString());
        assertThat(clash.jsonLines().getFirst().get("error").asText()).contains("field 'labels' is also a field of the output");
        assertThat(clash.status()).isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void classifyFollowsTopKAndFunctionToApply() {
        JsonNode best = CliRun.run("classify", "--model", sentiment.toString(), "What a lovely film.").json();
        assertThat(best).hasSize(1);
        assertThat(best.get(0).get("label").asText()).isIn("NEGATIVE", "POSITIVE");
        JsonNode all = CliRun.run("classify", "--model", sentiment.toString(), "--top-k", "all", "What a lovely film.").json();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("score").asDouble() + all.get(1).get("score").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(all.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(all.get(1).get("score").asDouble());
        JsonNode raw = CliRun.run("classify", "--model", sentiment.toString(), "--function_to_apply", "none",
                "--return-all-scores", "What a lovely film.").json();
        assertThat(raw.get(0).get("label").asText()).isEqualTo("NEGATIVE");
        JsonNode pair = CliRun.run("classify", "--model", sentiment.toString(), "--pair", "I agree.", "Great film.").json();
        assertThat(pair).hasSize(1);
        CliRun bad = CliRun.run("classify", "--model", sentiment.toString(), "--function-to-apply", "tanh", "x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("tanh");
    }

    @Test
    void nerPrintsEntitiesWithOffsetsIntoTheText() throws Exception {
        String text = "Angela Merkel met Emmanuel Macron in Paris and then flew home to Berlin with her advisers.";
        CliRun run = CliRun.run("ner", "--model", ner.toString(), "--aggregation-strategy", "simple", "--stride", "4",
                "--ignore-labels", "", text);
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.size()).isGreaterThan(0);
        for (JsonNode e : json) {
            assertThat(e.has("entity_group")).isTrue();
            int start = e.get("start").asInt();
            int end = e.get("end").asInt();
            // uncased WordPiece: the word is the covered text, lowercased, spaces kept; a group that starts
            // inside a word keeps the "##" of its first piece, as HF's decoder leaves it
            assertThat(text.substring(start, end).toLowerCase()).isEqualTo(e.get("word").asText().replaceFirst("^##", ""));
        }
        var expected = TokenClassificationPipeline.load(ner).run(ctx, text, TokenClassificationOptions.DEFAULTS
                .withAggregationStrategy(AggregationStrategy.SIMPLE).withStride(4).withIgnoreLabels(List.of("")));
        assertSameAnswers(json, JsonLinesTask.MAPPER.valueToTree(expected));
        JsonNode tokens = CliRun.run("ner", "--model", ner.toString(), "--ignore-labels", "", "Angela Merkel").json();
        assertThat(tokens.get(0).has("entity") && tokens.get(0).has("index")).isTrue();
        CliRun noModel = CliRun.run("ner", "Angela Merkel");
        assertThat(noModel.status()).isEqualTo(2);
        assertThat(noModel.err()).contains("give --model");
    }

    @Test
    void qaAnswersAreSpansOfTheContext() throws Exception {
        String context = "The Eiffel Tower is in Paris. It was finished in 1889 and is 330 metres tall.";
        CliRun run = CliRun.run("qa", "--model", qa.toString(), "--question", "When was it finished?", "--context", context);
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode answer = run.json();
        assertThat(answer.get("answer").asText())
                .isEqualTo(context.substring(answer.get("start").asInt(), answer.get("end").asInt()));
        var expected = QuestionAnsweringPipeline.load(qa).run(ctx, "When was it finished?", context,
                QuestionAnsweringPipeline.load(qa).defaultOptions()).getFirst();
        assertSameAnswers(answer, JsonLinesTask.MAPPER.valueToTree(expected));
        JsonNode three = CliRun.run("qa", "--model", qa.toString(), "--top-k", "3", "--question", "How tall?",
                "--context", context).json();
        assertThat(three.isArray()).isTrue();
        assertThat(three).hasSize(3);
        String stdin = "{\"question\": \"Where?\", \"context\": \"" + context + "\"}\n{\"question\": \"\", \"context\": \"x\"}\n";
        List<JsonNode> lines = CliRun.withInput(stdin, "qa", "--model", qa.toString()).jsonLines();
        assertThat(lines.get(0).has("answer")).isTrue();
        assertThat(lines.get(1).get("error").asText()).contains("question");
    }

    /**
     * Same fields and values; scores may differ in the last float bits, because the command line and the
     * test run the encoder with different thread counts (and so different summation orders).
     */
    private static void assertSameAnswers(JsonNode actual, JsonNode expected) {
        if (expected.isContainerNode()) {
            assertThat(actual.size()).isEqualTo(expected.size());
            assertThat(actual.isArray()).isEqualTo(expected.isArray());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameAnswers(actual.get(i), expected.get(i));
                }
            } else {
                expected.properties().forEach(e -> assertSameAnswers(actual.get(e.getKey()), e.getValue()));
            }
        } else if (expected.isFloatingPointNumber()) {
            // the command line's first small calls run on the scalar kernels (ColdStartKernels), the library's
            // context here on the vector ones: the same numbers up to float rounding
            assertThat(actual.asDouble()).isCloseTo(expected.asDouble(), within(1e-5));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void nspGivesProbabilitiesThatSumToOne() {
        JsonNode json = CliRun.run("nsp", "--model", preTraining.toString(), "I went to the shop.", "I bought milk.").json();
        assertThat(json.get("is_next_probability").asDouble() + json.get("not_next_probability").asDouble())
                .isCloseTo(1.0, within(1e-9));
        assertThat(json.get("is_next").asBoolean()).isEqualTo(json.get("is_next_probability").asDouble() >= 0.5);
        CliRun one = CliRun.run("nsp", "--model", preTraining.toString(), "only one");
        assertThat(one.status()).isEqualTo(2);
        CliRun wrongHead = CliRun.run("nsp", "--model", qa.toString(), "a", "b");
        assertThat(wrongHead.status()).isEqualTo(2);
    }
}
