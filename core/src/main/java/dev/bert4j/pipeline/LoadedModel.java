package dev.bert4j.pipeline;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.ModelDirectoryException;
import dev.bert4j.model.BertModel;
import dev.bert4j.tokenizers.Tokenizer;

import java.nio.file.Path;

/**
 * A {@link BertModel} with the tokenizer and directory it was loaded from. Immutable and safe to share
 * between threads.
 */
public record LoadedModel(ModelDirectory directory, BertModel model, Tokenizer tokenizer) {

    /** Loads a Hugging Face model directory that has a {@code tokenizer.json}. */
    public static LoadedModel load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        if (md.tokenizerJson() == null) {
            throw new ModelDirectoryException(dir + " has no tokenizer.json; bert4j needs it to turn text into ids");
        }
        return new LoadedModel(md, md.loadModel(), Tokenizer.fromFile(md.tokenizerJson()));
    }
}
