package dev.bert4j.cli;

import dev.bert4j.tokenizers.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the files behind a {@code --model} value. */
final class ModelFiles {
    static final String DEFAULT_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private ModelFiles() {}

    /** The tokenizer of a model directory or tokenizer.json; the embedded default model's when {@code model} is null. */
    static Tokenizer tokenizer(String model) {
        if (model == null) {
            try (InputStream in = ModelFiles.class.getResourceAsStream(DEFAULT_TOKENIZER_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the embedded default model is missing from the class path ("
                            + DEFAULT_TOKENIZER_RESOURCE + "): rebuild bert4j");
                }
                return Tokenizer.fromJson(in, "all-MiniLM-L6-v2 tokenizer.json (embedded)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path path = Path.of(model);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("--model " + model + ": no such file or directory");
        }
        return Tokenizer.fromFile(path);
    }
}
