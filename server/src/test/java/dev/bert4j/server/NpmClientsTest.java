package dev.bert4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.Pooling;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Real clients nobody here wrote, from npm, against a running server: Hugging Face's {@code @huggingface/inference}
 * (its TEI endpoint mode, which posts to the root route) and OpenAI's official Node SDK (which asks for base64 by
 * default and decodes it itself). They are installed with npm into {@code target/npm-clients} at the versions of
 * {@code src/test/npm/package.json}; Node.js and npm must be on the PATH (the test fails, naming them, if not).
 */
class NpmClientsTest {
    private static final List<String> TEXTS = List.of("Hello world", "A man is eating food.",
            "Servers batch requests that arrive together.");
    @TempDir
    static Path tmp;
    static Bert4jServer server;
    static LoadedModel model;

    @BeforeAll
    static void start() {
        Path dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, tmp.resolve("cache"), ConversionListener.NONE);
        model = LoadedModel.load(dir);
        server = Bert4jServer.start(dir, ServerOptions.defaults(0, "all-MiniLM-L6-v2").withThreads(2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void huggingFaceAndOpenAiClientsGetTheLibrarysEmbeddings() throws Exception {
        Path clients = installClients();
        String out = run(clients, List.of("node", "clients.mjs", "http://127.0.0.1:" + server.port(),
                new ObjectMapper().writeValueAsString(TEXTS)));
        JsonNode answer = new ObjectMapper().readTree(out);

        List<float[]> expected;
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            expected = new SentenceEmbeddingPipeline(model).withNormalize(true).embed(ctx, TEXTS).stream()
                    .map(SentenceEmbedding::vector).toList();
        }
        for (int i = 0; i < TEXTS.size(); i++) {
            assertClose(answer.get("tei").get(i), expected.get(i));
            assertThat(answer.get("openai").get(i).get("index").asInt()).isEqualTo(i);
            assertClose(answer.get("openai").get(i).get("embedding"), expected.get(i));
        }
        Tokenizer tokenizer = model.tokenizer().withoutPadding().withoutTruncation();
        int tokens = TEXTS.stream().mapToInt(t -> tokenizer.encode(t).length()).sum();
        assertThat(answer.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(answer.get("usage").get("total_tokens").asInt()).isEqualTo(tokens);
        assertThat(answer.get("model").asText()).isEqualTo("all-MiniLM-L6-v2");

        float[] first64 = Arrays.copyOf(expected.getFirst(), 64);
        Pooling.normalize(first64);
        assertClose(answer.get("float64"), first64);

        JsonNode error = answer.get("error");
        assertThat(error.get("status").asInt()).isEqualTo(422);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("cannot be empty");
    }

    private static void assertClose(JsonNode actual, float[] expected) {
        assertThat(actual.size()).isEqualTo(expected.length);
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual.get(j).floatValue()).isCloseTo(expected[j], within(1e-6f));
        }
    }

    /** {@code target/npm-clients} with the pinned clients installed (once; a later run reuses it). */
    private static Path installClients() throws IOException, InterruptedException {
        Path src = Path.of("src/test/npm");
        Path dir = Files.createDirectories(Path.of("target/npm-clients"));
        for (String f : List.of("package.json", "clients.mjs")) {
            Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/openai")) || !Files.isDirectory(
                dir.resolve("node_modules/@huggingface/inference"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error"));
        }
        return dir;
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(tmp, "stderr", ".txt");            // a file, so a chatty stderr never blocks
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.getFirst() + " is needed for this test (Node.js 18 or later with"
                    + " npm, e.g. Debian's nodejs and npm packages): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", command, Files.readString(err)).isZero();
        return out;
    }
}
