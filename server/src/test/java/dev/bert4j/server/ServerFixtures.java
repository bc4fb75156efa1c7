package dev.bert4j.server;

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
 * The model directories the server tests serve: the real all-MiniLM-L6-v2 (converted from the ONNX export in
 * its Maven Central jar) and, on the same encoder, seeded random task heads ({@link MiniLmHeads}). Converting
 * costs seconds, so the directories are made once per test JVM (in one temporary folder, deleted when the JVM
 * exits) and each test class starts its own servers on them. The directories never change once made.
 */
final class ServerFixtures {
    static final Map<Integer, String> SENTIMENT = Map.of(0, "NEGATIVE", 1, "NEUTRAL", 2, "POSITIVE");
    static final Map<Integer, String> NER_LABELS = Map.of(0, "O", 1, "B-PER", 2, "I-PER", 3, "B-LOC", 4, "I-LOC");

    private static Path root;
    private static Path embedder;
    private static MiniLmHeads heads;
    private static final Map<String, Path> HEADS = new java.util.HashMap<>();

    private ServerFixtures() {
    }

    /** all-MiniLM-L6-v2 as sentence-transformers ships it: mean pooling, normalized, max_seq_length 256. */
    static synchronized Path embedder() {
        if (embedder == null) {
            embedder = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root().resolve("cache"),
                    ConversionListener.NONE);
        }
        return embedder;
    }

    /** A three-label sentiment classifier (softmax). */
    static Path classifier() {
        return head("sentiment", HeadKind.SEQUENCE_CLASSIFICATION, SENTIMENT);
    }

    /** A one-label sequence classifier: a cross-encoder re-ranker (sigmoid). */
    static Path reranker() {
        return head("reranker", HeadKind.SEQUENCE_CLASSIFICATION, Map.of(0, "LABEL_0"));
    }

    static Path ner() {
        return head("ner", HeadKind.TOKEN_CLASSIFICATION, NER_LABELS);
    }

    static Path qa() {
        return head("qa", HeadKind.QUESTION_ANSWERING, Map.of());
    }

    /** BertForPreTraining: fill-mask and next-sentence prediction. */
    static Path preTraining() {
        return head("pretraining", HeadKind.PRE_TRAINING, Map.of());
    }

    private static synchronized Path head(String name, HeadKind kind, Map<Integer, String> id2label) {
        return HEADS.computeIfAbsent(name, n -> heads().withHead(n, kind, id2label, null, 256));
    }

    private static synchronized MiniLmHeads heads() {
        if (heads == null) {
            embedder();                                   // the same cache: converted once
            heads = new MiniLmHeads(root());
        }
        return heads;
    }

    private static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("bert4j-server-tests");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return root;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit: the folder is under the system's temporary directory
        }
    }
}
