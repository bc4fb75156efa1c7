package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Inputs longer than the model's 256 tokens: refused with the token count without truncation, cut with it, on
 * the side {@code truncation_direction} names. The texts are made of words that are one token each, so the
 * kept part of a truncated text is known in words and can be embedded by the library on its own.
 */
class LongInputTest {
    static final String[] WORDS = ("the cat sat on a mat while my dog ran to his house near an old tree by "
            + "water under blue sky with red sun and green grass in city of music").split(" ");
    static final String TOKEN_MESSAGE = "Input validation error: `inputs` must have less than 256 tokens. Given: ";

    static Bert4jServer lenient;
    static Bert4jServer strict;
    static Bert4jServer classifierServer;
    static Bert4jServer rerankerServer;
    static Http http;
    static Http strictHttp;
    static Http classifier;
    static Http reranker;
    static ComputeContext ctx;
    static SentenceEmbeddingPipeline library;
    static TextClassificationPipeline sentiment;
    static String huge;

    @BeforeAll
    static void start() {
        ServerOptions options = ServerOptions.defaults(0, "minilm").withThreads(1);
        lenient = Bert4jServer.start(ServerFixtures.embedder(), options.withAutoTruncate(true));
        strict = Bert4jServer.start(ServerFixtures.embedder(), options.withAutoTruncate(false));
        classifierServer = Bert4jServer.start(ServerFixtures.classifier(), options);
        rerankerServer = Bert4jServer.start(ServerFixtures.reranker(), options);
        http = new Http(lenient.port());
        strictHttp = new Http(strict.port());
        classifier = new Http(classifierServer.port());
        reranker = new Http(rerankerServer.port());
        ctx = ComputeContext.inference(1);
        LoadedModel model = LoadedModel.load(ServerFixtures.embedder());
        library = new SentenceEmbeddingPipeline(model).withNormalize(true);
        sentiment = TextClassificationPipeline.load(ServerFixtures.classifier());
        huge = words(0, 100_000);
        Tokenizer tokenizer = model.tokenizer().withoutPadding().withoutTruncation();
        assertThat(tokenizer.encode(words(0, 400)).length()).as("one token per word").isEqualTo(402);
    }

    @AfterAll
    static void stop() {
        lenient.close();
        strict.close();
        classifierServer.close();
        rerankerServer.close();
        ctx.close();
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) of the endless text. */
    static String words(int from, int to) {
        List<String> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(WORDS[(i * 7 + i / WORDS.length) % WORDS.length]);
        }
        return String.join(" ", out);
    }

    @Test
    void aHundredThousandWordsWithoutTruncationAre422WithTheTokenCount() {
        String given = TOKEN_MESSAGE + 100_002;
        assertThat(Errors.assertTei(http.postJson("/embed", Map.of("inputs", huge, "truncate", false)), 422,
                "Validation")).isEqualTo(given);
        assertThat(Errors.assertTei(http.postJson("/embed_all", Map.of("inputs", List.of("short", huge),
                "truncate", false)), 422, "Validation")).isEqualTo(given);
        assertThat(Errors.assertTei(http.postJson("/similarity", Map.of("inputs", Map.of("source_sentence", "short",
                "sentences", List.of(huge)), "parameters", Map.of("truncate", false))), 422, "Validation"))
                .isEqualTo(given);
        assertThat(Errors.assertTei(classifier.postJson("/predict", Map.of("inputs", huge, "truncate", false)), 422,
                "Validation")).isEqualTo(given);
        assertThat(Errors.assertTei(reranker.postJson("/rerank", Map.of("query", "q", "texts", List.of(huge),
                "truncate", false)), 422, "Validation")).isEqualTo(TOKEN_MESSAGE + 100_004);   // [CLS] q [SEP] ... [SEP]
        Errors.assertTei(classifier.postJson("/classify", Map.of("text", huge, "truncation", false)), 422,
                "Validation");

        // a server started without --auto-truncate refuses when the request does not say
        assertThat(Errors.assertTei(strictHttp.postJson("/embed", Map.of("inputs", huge)), 422, "Validation"))
                .isEqualTo(given);
        assertThat(Errors.assertOpenAi(strictHttp.postJson("/v1/embeddings", Map.of("input", huge, "model", "x")), 422))
                .isEqualTo(given);
    }

    @Test
    void aHundredThousandWordsWithTruncationAreCutToTheModelsLength() {
        float[] expected = library.embed(ctx, huge).vector();                  // the library cuts on the right
        JsonNode embed = http.postJson("/embed", Map.of("inputs", huge, "truncate", true)).json();
        assertThat(Http.floats(embed.get(0))).containsExactly(expected, within(1e-6f));
        assertThat(Http.floats(strictHttp.postJson("/embed", Map.of("inputs", huge, "truncate", true)).json().get(0)))
                .containsExactly(expected, within(1e-6f));

        JsonNode openAi = http.postJson("/v1/embeddings", Map.of("input", huge, "model", "x")).json();   // auto-truncate
        assertThat(Http.floats(openAi.get("data").get(0).get("embedding"))).containsExactly(expected, within(1e-6f));
        assertThat(openAi.get("usage").get("prompt_tokens").asInt()).isEqualTo(256);

        assertThat(http.postJson("/embed_all", Map.of("inputs", huge, "truncate", true)).json().get(0)).hasSize(256);
        JsonNode similarity = http.postJson("/similarity", Map.of("inputs", Map.of("source_sentence", words(0, 254),
                "sentences", List.of(huge)), "parameters", Map.of("truncate", true))).json();
        assertThat(similarity.get(0).doubleValue()).as("the kept head is the first 254 words")
                .isCloseTo(1.0, within(1e-5));

        JsonNode predicted = classifier.postJson("/predict", Map.of("inputs", huge, "truncate", true)).json();
        ClassifierRoutesTest.assertScores(predicted, sentiment.run(ctx, words(0, 254),
                TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all())));
        Http.Reply ranked = reranker.postJson("/rerank", Map.of("query", "q", "texts", List.of(huge), "truncate", true));
        assertThat(ranked.status()).as("%s", ranked).isEqualTo(200);
        assertThat(ranked.json()).hasSize(1);
    }

    @Test
    void leftTruncationKeepsTheTailAndRightTruncationTheHead() {
        String text = words(0, 400);                                         // 402 tokens with [CLS] and [SEP]
        float[] left = Http.floats(http.postJson("/embed", Map.of("inputs", text, "truncate", true,
                "truncation_direction", "Left")).json().get(0));
        float[] right = Http.floats(http.postJson("/embed", Map.of("inputs", text, "truncate", true,
                "truncation_direction", "Right")).json().get(0));
        float[] byDefault = Http.floats(http.postJson("/embed", Map.of("inputs", text, "truncate", true)).json().get(0));

        assertThat(left).containsExactly(library.embed(ctx, words(146, 400)).vector(), within(1e-6f));   // last 254
        assertThat(right).containsExactly(library.embed(ctx, words(0, 254)).vector(), within(1e-6f));   // first 254
        assertThat(byDefault).containsExactly(right);
        double maxDiff = 0;
        for (int i = 0; i < left.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(left[i] - right[i]));
        }
        assertThat(maxDiff).as("left and right embeddings differ").isGreaterThan(1e-3);
    }

    @Test
    void leftTruncationOfAClassifiedTextKeepsItsTail() {
        String text = words(0, 400);
        TextClassificationOptions all = TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all());
        List<LabelScore> tail = sentiment.run(ctx, words(146, 400), all);
        List<LabelScore> head = sentiment.run(ctx, words(0, 254), all);
        assertThat(tail.getFirst().score()).isNotCloseTo(head.getFirst().score(), within(1e-6));   // the sides differ
        ClassifierRoutesTest.assertScores(classifier.postJson("/predict", Map.of("inputs", text, "truncate", true,
                "truncation_direction", "Left")).json(), tail);
        ClassifierRoutesTest.assertScores(classifier.postJson("/predict", Map.of("inputs", text, "truncate", true,
                "truncation_direction", "Right")).json(), head);
    }
}
