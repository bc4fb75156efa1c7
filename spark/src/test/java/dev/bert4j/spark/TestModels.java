package dev.bert4j.spark;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.pipeline.MiniLmHeads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models of the Spark tests, made once per test JVM in a folder every executor of this machine sees: the real
 * all-MiniLM-L6-v2 (converted from its embedded ONNX export) and, on its encoder, seeded task heads
 * ({@link MiniLmHeads}). The folder is removed when the JVM exits.
 */
final class TestModels {
    static final Map<Integer, String> SENTIMENT = Map.of(0, "NEGATIVE", 1, "NEUTRAL", 2, "POSITIVE");
    static final Map<Integer, String> NER = Map.of(0, "O", 1, "B-PER", 2, "I-PER", 3, "B-LOC", 4, "I-LOC");

    private static TestModels instance;

    final Path root;
    final Path embeddings;
    final Path classifier;
    final Path ner;
    final Path qa;

    private TestModels(Path root) {
        this.root = root;
        this.embeddings = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"),
                ConversionListener.NONE);
        MiniLmHeads heads = new MiniLmHeads(root);
        this.classifier = heads.withHead("sentiment", HeadKind.SEQUENCE_CLASSIFICATION, SENTIMENT, null, null);
        this.ner = heads.withHead("ner", HeadKind.TOKEN_CLASSIFICATION, NER, null, 32);    // 32-token windows
        this.qa = heads.withHead("qa", HeadKind.QUESTION_ANSWERING, Map.of(), null, null);
    }

    static synchronized TestModels get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("bert4j-spark-models");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                instance = new TestModels(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A new name for the embedding model (a link to it), so that a test counts the loads of its own key. */
    Path embeddingsAlias(String name) {
        try {
            return Files.createSymbolicLink(root.resolve(name), embeddings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
