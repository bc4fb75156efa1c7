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

    /** Loads a Hugging Face model directory with its tokenizer ({@code tokenizer.json}, or {@code vocab.txt} and its config). */
    public static LoadedModel load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        if (md.tokenizerJson() == null && md.vocabTxt() == null && !java.nio.file.Files.exists(dir.resolve("spiece.model"))) {
            throw new ModelDirectoryException(dir + " has none of tokenizer.json, vocab.txt or spiece.model; bert4j needs one to"
                    + " turn text into ids");
        }
        return new LoadedModel(md, md.loadModel(), Tokenizer.fromFile(dir));
    }
}
