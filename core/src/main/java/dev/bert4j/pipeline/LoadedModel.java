package dev.bert4j.pipeline;

import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.ModelDirectoryException;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.PackedInputs;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.TokenizerCache;

import java.nio.file.Path;
import java.util.concurrent.FutureTask;

/**
 * A {@link BertModel} with the tokenizer and directory it was loaded from. Immutable and safe to share
 * between threads.
 */
public record LoadedModel(ModelDirectory directory, BertModel model, Tokenizer tokenizer) {

    /**
     * Loads a Hugging Face model directory with its tokenizer ({@code tokenizer.json}, or {@code vocab.txt} and its
     * config). The tokenizer is read on a second thread while the weights load, since in a fresh JVM each takes a
     * few hundred milliseconds of mostly interpreted code; an error from either is thrown as it was raised. A
     * WordPiece {@code tokenizer.json} goes through the compiled-tokenizer cache in bert4j's cache folder
     * ({@link TokenizerCache}), which turns its reading into a few bulk copies after the first load.
     */
    public static LoadedModel load(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        if (md.tokenizerJson() == null && md.vocabTxt() == null && !java.nio.file.Files.exists(dir.resolve("spiece.model"))) {
            throw new ModelDirectoryException(dir + " has none of tokenizer.json, vocab.txt or spiece.model; bert4j needs one to"
                    + " turn text into ids");
        }
        FutureTask<Tokenizer> tokenizer = new FutureTask<>(
                () -> Tokenizer.fromFile(dir, TokenizerCache.in(DefaultModels.cacheRoot())));
        Thread.ofPlatform().daemon().name("bert4j-tokenizer-load").start(tokenizer);
        BertModel model;
        try {
            model = md.loadModel();
        } catch (RuntimeException | Error e) {
            tokenizer.cancel(true);
            throw e;
        }
        if (!tokenizer.isDone()) {
            warmUp(model);
        }
        return new LoadedModel(md, model, Futures.join(tokenizer));
    }

    /** The most multiply-adds the warm-up may cost: a small model's 4 tokens (all-MiniLM-L6-v2: 42 M), not a large one's. */
    private static final long WARM_UP_MAX_MACS = 100_000_000L;

    /**
     * While the tokenizer is still loading, one tiny forward pass on the scalar kernels: in a fresh JVM it loads
     * and links the forward's classes and lets C1 compile the scalar loops that a short first call then runs
     * ({@code ComputeContext.coldStart}), in time that would otherwise be spent waiting. Its result is dropped.
     * Skipped for models where even 4 tokens would cost more than the wait it fills.
     */
    private static void warmUp(BertModel model) {
        BertConfig c = model.config();
        int tokens = 4;
        long macs = (long) tokens * c.numHiddenLayers()
                * (4L * c.hiddenSize() * c.hiddenSize() + 2L * c.hiddenSize() * c.intermediateSize());
        if (macs > WARM_UP_MAX_MACS || c.maxPositionEmbeddings() < tokens || c.vocabSize() < 1 || c.typeVocabSize() < 1) {
            return;
        }
        int[] zeros = new int[tokens];
        model.forwardPacked(ComputeContext.reference(), PackedInputs.of(new int[][] {zeros}, new int[][] {zeros}));
    }
}
