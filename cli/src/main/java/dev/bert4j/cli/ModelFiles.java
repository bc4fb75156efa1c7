package dev.bert4j.cli;

import dev.bert4j.io.ModelResolver;
import dev.bert4j.tokenizers.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The tokenizer behind a {@code --model} value, for commands that only tokenize. */
final class ModelFiles {
    static final String DEFAULT_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private ModelFiles() {
    }

    /**
     * The embedded default model's tokenizer when {@code model} is null (read straight from its jar, no
     * conversion needed); a {@code tokenizer.json} file as it is; otherwise the tokenizer of the model
     * directory that {@link ModelResolver} finds (local, built-in or from the Hub).
     */
    static Tokenizer tokenizer(String model, Progress progress) {
        requireNonBlank("--model", model);
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
        if (ModelResolver.isTokenizerFile(path)) {
            return Tokenizer.fromFile(path);
        }
        return Tokenizer.fromFile(resolver(progress).directory(model));
    }

    /** An option naming a model may be left out (the default), but not given empty: that is a mistake, not a choice. */
    static void requireNonBlank(String option, String spec) {
        if (spec != null && spec.isBlank()) {
            throw new IllegalArgumentException(option + " is empty: give a model directory or file, a built-in name"
                    + " or a Hub id, or leave " + option + " out");
        }
    }

    static ModelResolver resolver(Progress progress) {
        return new ModelResolver(dev.bert4j.hub.HubSettings.fromSystemEnvironment(),
                dev.bert4j.io.DefaultModels.cacheRoot(), progress, progress);
    }
}
