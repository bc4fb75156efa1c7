package dev.bert4j.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.ModelDirectoryException;
import dev.bert4j.io.safetensors.SafetensorsException;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertConfigException;
import dev.bert4j.model.WeightLoadException;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model directory's JSON side files ({@code config.json}, {@code modules.json}, the Pooling module's
 * {@code config.json}, {@code sentence_bert_config.json}) with any content either open, or fail with one of the
 * loaders' own exceptions that says why (an unknown {@code hidden_act} is a {@code BertConfigException} naming
 * the file). The weights are a real tiny model written by
 * {@code ModelDirectoryWriter}, so a config that fits them loads the whole model. Input layout: the four files'
 * texts in that order, separated by NUL bytes (seeds: {@link SeedCorpus}). Long runs: docs/fuzzing.md.
 */
class ModelDirectoryFuzzTest {
    private static final byte[] WEIGHTS = SeedCorpus.tinyWeights();

    @FuzzTest
    @Timeout(60)
    void configFromJsonLoadsOrSaysWhy(byte[] json) {
        try {
            BertConfig.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (BertConfigException e) {
            assertThat(e.getMessage()).as(e.getClass().getSimpleName() + " message").isNotBlank();
        }
    }

    @FuzzTest
    @Timeout(60)
    void directoryOpensOrSaysWhy(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-model");
        try {
            Files.write(dir.resolve("model.safetensors"), WEIGHTS);
            Files.createDirectories(dir.resolve("1_Pooling"));
            List<byte[]> parts = SeedCorpus.split(input);
            for (int i = 0; i < parts.size() && i < SeedCorpus.SIDE_FILES.size(); i++) {
                Files.write(dir.resolve(SeedCorpus.SIDE_FILES.get(i)), parts.get(i));
            }
            openAndLoad(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void openAndLoad(Path dir) {
        try {
            ModelDirectory.open(dir).loadModel();
        } catch (ModelDirectoryException | BertConfigException | WeightLoadException
                 | SafetensorsException e) {
            assertThat(e.getMessage()).as(e.getClass().getSimpleName() + " message").isNotBlank();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
