package dev.bert4j.server;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Well-formed JSON a route cannot take, on every POST route, each route on a server whose model it suits:
 * fields of the wrong type, missing, empty lists and strings, more inputs than {@code max_client_batch_size},
 * option values out of range: 422 in the route family's shape. A task route on a model without its head is
 * 424. After each test the embedding server still embeds correctly.
 */
class InvalidFieldsTest {
    enum Model { EMBEDDER, CLASSIFIER, RERANKER, NER, QA, PRE_TRAINING }

    static final Map<Model, Bert4jServer> SERVERS = new EnumMap<>(Model.class);
    static final Map<Model, Http> HTTP = new EnumMap<>(Model.class);
    static final String STANDING = "still standing after a bad request";
    static float[] standing;

    @BeforeAll
    static void start() {
        Map<Model, java.nio.file.Path> dirs = Map.of(Model.EMBEDDER, ServerFixtures.embedder(),
                Model.CLASSIFIER, ServerFixtures.classifier(), Model.RERANKER, ServerFixtures.reranker(),
                Model.NER, ServerFixtures.ner(), Model.QA, ServerFixtures.qa(), Model.PRE_TRAINING,
                ServerFixtures.preTraining());
        dirs.forEach((m, dir) -> {
            Bert4jServer s = Bert4jServer.start(dir, ServerOptions.defaults(0, m.name()).withThreads(1));
            SERVERS.put(m, s);
            HTTP.put(m, new Http(s.port()));
        });
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            standing = new SentenceEmbeddingPipeline(LoadedModel.load(ServerFixtures.embedder())).withNormalize(true)
                    .embed(ctx, STANDING).vector();
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(Bert4jServer::close);
    }

    @AfterEach
    void theServerStillEmbedsCorrectly() {
        Http.Reply r = HTTP.get(Model.EMBEDDER).postJson("/embed", Map.of("inputs", STANDING));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(Http.floats(r.json().get(0))).containsExactly(standing, within(1e-6f));
    }

    /** JSON written with single quotes, for readable tables. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** {@code n} copies of {@code "a"} as a JSON list. */
    static String many(int n) {
        return "[" + String.join(",", Collections.nCopies(n, "'a'")) + "]";
    }

    static Stream<Arguments> invalid() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of("/embed", "/embed_all", "/")) {
            for (String body : List.of("{'inputs': 5}", "{'inputs': {'a': 1}}", "{'inputs': true}", "{'inputs': [1.5]}",
                    "{'inputs': ['a', 5]}", "{'inputs': [1, 'a']}", "{'inputs': [-1]}", "{'inputs': [999999]}",
                    "{'inputs': [['a']]}", "{}", "{'inputs': null}", "{'inputs': []}", "{'inputs': ''}",
                    "{'inputs': ['a', '']}", "{'inputs': [[]]}", "{'inputs': " + many(33) + "}",
                    "{'inputs': 'a', 'truncate': 'no'}", "{'inputs': 'a', 'truncation_direction': 'Up'}",
                    "{'inputs': 'a', 'truncation_direction': 1}", "{'inputs': 'a', 'prompt_name': 'query'}")) {
                cases.add(arguments(path, Model.EMBEDDER, body));
            }
        }
        for (String body : List.of("{'inputs': 'a', 'normalize': 'yes'}", "{'inputs': 'a', 'dimensions': 0}",
                "{'inputs': 'a', 'dimensions': 385}", "{'inputs': 'a', 'dimensions': '64'}",
                "{'inputs': 'a', 'dimensions': 64.5}", "{'inputs': 'a', 'dimensions': 1e30}")) {
            cases.add(arguments("/embed", Model.EMBEDDER, body));
        }
        for (String path : List.of("/v1/embeddings", "/embeddings")) {
            for (String body : List.of("{'input': 5}", "{'input': {'a': 1}}", "{'model': 'x'}", "{'input': []}",
                    "{'input': ''}", "{'input': ['a', '']}", "{'input': [[]]}", "{'input': [999999]}",
                    "{'input': " + many(33) + "}", "{'input': 'a', 'encoding_format': 'hex'}",
                    "{'input': 'a', 'encoding_format': 5}", "{'input': 'a', 'dimensions': 0}",
                    "{'input': 'a', 'dimensions': '64'}")) {
                cases.add(arguments(path, Model.EMBEDDER, body));
            }
        }
        for (String body : List.of("{'inputs': 'a'}", "{}", "{'inputs': {'sentences': ['b']}}",
                "{'inputs': {'source_sentence': 'a'}}", "{'inputs': {'source_sentence': 'a', 'sentences': []}}",
                "{'inputs': {'source_sentence': '', 'sentences': ['b']}}",
                "{'inputs': {'source_sentence': 'a', 'sentences': ['b', '']}}",
                "{'inputs': {'source_sentence': 5, 'sentences': ['b']}}",
                "{'inputs': {'source_sentence': 'a', 'sentences': 'b'}}",
                "{'inputs': {'source_sentence': 'a', 'sentences': " + many(32) + "}}",
                "{'inputs': {'source_sentence': 'a', 'sentences': ['b']}, 'parameters': 5}",
                "{'inputs': {'source_sentence': 'a', 'sentences': ['b']}, 'parameters': {'truncate': 'x'}}")) {
            cases.add(arguments("/similarity", Model.EMBEDDER, body));
        }
        for (String body : List.of("{'inputs': 5}", "{'inputs': []}", "{'inputs': ''}", "{'inputs': ['a', '']}",
                "{'inputs': " + many(33) + "}", "{'inputs': [1, 2]}", "{'inputs': 'a', 'add_special_tokens': 'yes'}")) {
            cases.add(arguments("/tokenize", Model.EMBEDDER, body));
        }
        for (String body : List.of("{'ids': 'a'}", "{}", "{'ids': []}", "{'ids': [[]]}", "{'ids': [1.5]}",
                "{'ids': [-1]}", "{'ids': [999999]}", "{'ids': [[1], ['a']]}",
                "{'ids': [" + String.join(",", Collections.nCopies(33, "[101]")) + "]}",
                "{'ids': [101], 'skip_special_tokens': 'no'}")) {
            cases.add(arguments("/decode", Model.EMBEDDER, body));
        }
        for (String body : List.of("{'inputs': 5}", "{}", "{'inputs': []}", "{'inputs': ''}", "{'inputs': ['a', '']}",
                "{'inputs': [['a', 'b', 'c']]}", "{'inputs': [5, 'a', 'b']}", "{'inputs': " + many(33) + "}",
                "{'inputs': 'a', 'raw_scores': 'yes'}", "{'inputs': 'a', 'truncate': 3}")) {
            cases.add(arguments("/predict", Model.CLASSIFIER, body));
        }
        for (String body : List.of("{'query': 5, 'texts': ['a']}", "{'texts': ['a']}", "{'query': 'q'}",
                "{'query': 'q', 'texts': []}", "{'query': '', 'texts': ['a']}", "{'query': 'q', 'texts': ['']}",
                "{'query': 'q', 'texts': 'a'}", "{'query': 'q', 'texts': [5]}", "{'query': 'q', 'texts': " + many(33) + "}",
                "{'query': 'q', 'texts': ['a'], 'return_text': 'yes'}")) {
            cases.add(arguments("/rerank", Model.RERANKER, body));
        }
        for (String body : List.of("{'text': 5}", "{}", "{'text': ''}", "{'text': 'a', 'top_k': 0}",
                "{'text': 'a', 'top_k': 'many'}", "{'text': 'a', 'function_to_apply': 'cube'}",
                "{'text': 'a', 'text_pair': 5}", "{'text': 'a', 'truncation': 'yes'}")) {
            cases.add(arguments("/classify", Model.CLASSIFIER, body));
        }
        for (String body : List.of("{'text': 5}", "{}", "{'text': ''}", "{'text': 'a', 'aggregation_strategy': 'bogus'}",
                "{'text': 'a', 'ignore_labels': 'O'}", "{'text': 'a', 'stride': 'x'}")) {
            cases.add(arguments("/ner", Model.NER, body));
        }
        for (String body : List.of("{'question': 'q'}", "{'context': 'c'}", "{'question': '', 'context': 'c'}",
                "{'question': 'q', 'context': ''}", "{'question': 5, 'context': 'c'}",
                "{'question': 'q', 'context': 'c', 'top_k': 0}", "{'question': 'q', 'context': 'c', 'max_seq_len': 'x'}",
                "{'question': 'q', 'context': 'c', 'max_answer_len': 0}")) {
            cases.add(arguments("/qa", Model.QA, body));
        }
        for (String body : List.of("{'text': 5}", "{}", "{'text': ''}", "{'text': 'no mask here'}",
                "{'text': 'a [MASK].', 'top_k': 0}", "{'text': 'a [MASK].', 'targets': 'paris'}")) {
            cases.add(arguments("/fill-mask", Model.PRE_TRAINING, body));
        }
        for (String body : List.of("{'text': 'a'}", "{'text': '', 'text_pair': 'b'}", "{'text': 'a', 'text_pair': ''}",
                "{'text': 'a', 'text_pair': 5}")) {
            cases.add(arguments("/nsp", Model.PRE_TRAINING, body));
        }
        for (String body : List.of("{'text': 5}", "{}", "{'text': ''}", "{'text': 'a', 'hidden_states': 'yes'}",
                "{'text': 'a', 'text_pair': ''}")) {
            cases.add(arguments("/feature-extraction", Model.EMBEDDER, body));
        }
        for (String body : List.of("{'text': ''}", "{'text': 'a', 'layer': 6}", "{'text': 'a', 'layer': -1}",
                "{'text': 'a', 'head': 12}", "{'text': 'a', 'head': 'x'}")) {
            cases.add(arguments("/attention", Model.EMBEDDER, body));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("invalid")
    void wellFormedJsonTheRouteCannotTakeIs422(String path, Model model, String body) {
        Http.Reply r = HTTP.get(model).post(path, json(body));
        Errors.assertError(r, path, 422, "Validation");
    }

    @Test
    void theMessagesNameTheProblem() {
        Http embedder = HTTP.get(Model.EMBEDDER);
        assertThat(Errors.assertTei(embedder.post("/embed", json("{'inputs': " + many(33) + "}")), 422, "Validation"))
                .isEqualTo("batch size 33 > maximum allowed batch size 32");
        assertThat(Errors.assertTei(embedder.post("/embed", json("{'inputs': ''}")), 422, "Validation"))
                .contains("`inputs` cannot be empty");
        assertThat(Errors.assertTei(embedder.post("/embed", json("{'inputs': 'a', 'normalize': 'yes'}")), 422,
                "Validation")).contains("normalize", "boolean");
        assertThat(Errors.assertOpenAi(embedder.post("/v1/embeddings", json("{'input': []}")), 422))
                .contains("`input` cannot be empty");
        assertThat(embedder.post("/v1/embeddings", json("{'input': []}")).json().get("error").get("param").asText())
                .isEqualTo("input");
    }

    static Stream<Arguments> needsAHead() {
        return Stream.of(arguments("/predict", Model.EMBEDDER, "{'inputs': 'a'}"),
                arguments("/rerank", Model.EMBEDDER, "{'query': 'q', 'texts': ['a']}"),
                arguments("/rerank", Model.CLASSIFIER, "{'query': 'q', 'texts': ['a']}"),
                arguments("/classify", Model.EMBEDDER, "{'text': 'a'}"),
                arguments("/classify", Model.NER, "{'text': 'a'}"),
                arguments("/ner", Model.EMBEDDER, "{'text': 'a'}"),
                arguments("/qa", Model.EMBEDDER, "{'question': 'q', 'context': 'c'}"),
                arguments("/qa", Model.PRE_TRAINING, "{'question': 'q', 'context': 'c'}"),
                arguments("/fill-mask", Model.EMBEDDER, "{'text': 'a [MASK].'}"),
                arguments("/fill-mask", Model.QA, "{'text': 'a [MASK].'}"),
                arguments("/nsp", Model.EMBEDDER, "{'text': 'a', 'text_pair': 'b'}"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("needsAHead")
    void aTaskRouteOnAModelWithoutItsHeadIs424(String path, Model model, String body) {
        Errors.assertTei(HTTP.get(model).post(path, json(body)), 424, "Backend");
    }

    @Test
    void predictOnAnEmbeddingModelSaysItIsNotAClassifier() {
        assertThat(Errors.assertTei(HTTP.get(Model.EMBEDDER).post("/predict", json("{'inputs': 'a'}")), 424, "Backend"))
                .contains("Model is not a classifier model");
    }
}
