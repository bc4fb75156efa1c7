package dev.bert4j.server;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.PoolingMode;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertForNextSentencePrediction;
import dev.bert4j.model.BertForQuestionAnswering;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.UnknownHeadException;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.BatchPlanner;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.nsp.NextSentencePipeline;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.tokenizers.Tokenizer;

import java.nio.file.Path;
import java.util.List;

/**
 * What one server serves: a model directory's encoder with its tokenizer (embeddings, token vectors,
 * attention, tokenization) and the pipeline of the task head its {@code config.json} names, if any. A
 * pre-training checkpoint serves both fill-mask and next-sentence prediction. Immutable; the pipelines are
 * safe to share, and the server runs them on one inference thread.
 *
 * @param base           the encoder and tokenizer (the head's own encoder when there is a head)
 * @param embeddings     sentence embeddings, never normalized here (each request says whether to normalize)
 * @param head           the head {@code architectures} names, or null for a plain encoder
 * @param classification the sequence-classification pipeline, or null
 */
record ServedModel(LoadedModel base, SentenceEmbeddingPipeline embeddings, FeatureExtractionPipeline features,
                   HeadKind head, TextClassificationPipeline classification, TokenClassificationPipeline ner,
                   QuestionAnsweringPipeline qa, FillMaskPipeline fillMask, NextSentencePipeline nsp,
                   int numLabels) {

    /** Loads a model directory for serving, packing batches of at most {@code maxBatchTokens} tokens. */
    static ServedModel load(Path dir, int maxBatchTokens) {
        ModelDirectory md = ModelDirectory.open(dir);
        Tokenizer tokenizer = Tokenizer.fromFile(dir);
        HeadKind kind = headOf(md);
        TextClassificationPipeline classification = null;
        TokenClassificationPipeline ner = null;
        QuestionAnsweringPipeline qa = null;
        FillMaskPipeline fillMask = null;
        NextSentencePipeline nsp = null;
        int numLabels = 0;
        BertModel encoder;
        if (kind == null) {
            encoder = md.loadModel();
        } else {
            BertTaskModel task = TaskHeads.load(md, kind == HeadKind.PRE_TRAINING ? HeadKind.MASKED_LM : kind);
            encoder = task.bert();
            switch (task) {
                case BertForSequenceClassification c -> {
                    classification = new TextClassificationPipeline(c, tokenizer);
                    numLabels = c.numLabels();
                }
                case BertForTokenClassification t -> ner = new TokenClassificationPipeline(t, tokenizer);
                case BertForQuestionAnswering q -> qa = new QuestionAnsweringPipeline(q, tokenizer);
                case BertForMaskedLM m -> fillMask = new FillMaskPipeline(m, tokenizer);
                case BertForNextSentencePrediction n -> nsp = new NextSentencePipeline(n, tokenizer);
                default -> throw new UnknownHeadException(dir + ": bert4j serve has no routes for the "
                        + kind.architecture() + " head; serve its encoder by removing architectures from config.json");
            }
            if (kind == HeadKind.PRE_TRAINING) {
                nsp = new NextSentencePipeline(TaskHeads.load(md, BertForNextSentencePrediction.class), tokenizer);
            }
        }
        LoadedModel base = new LoadedModel(md, encoder, tokenizer);
        SentenceEmbeddingPipeline embeddings = new SentenceEmbeddingPipeline(base).withNormalize(false)
                .withPlanner(new BatchPlanner(maxBatchTokens, BatchPlanner.DEFAULT_MAX_SEQUENCES));
        return new ServedModel(base, embeddings, new FeatureExtractionPipeline(base), kind, classification, ner, qa,
                fillMask, nsp, numLabels);
    }

    /** The task head config.json names, or null for a plain encoder ({@code BertModel} or no architectures). */
    private static HeadKind headOf(ModelDirectory md) {
        try {
            return HeadKind.fromArchitectures(md.config().architectures());
        } catch (UnknownHeadException e) {
            return null;
        }
    }

    Tokenizer tokenizer() {
        return base.tokenizer();
    }

    /** The longest input the model takes whole (TEI's {@code max_input_length}): 256 for all-MiniLM-L6-v2. */
    int maxInputLength() {
        if (head == null) {
            return embeddings.maxLength();
        }
        return Batching.modelMaxLength(base.tokenizer(), base.model().config());
    }

    /** A cross-encoder: a sequence classifier with one output, scored with a sigmoid (TEI's re-ranker). */
    boolean isReranker() {
        return classification != null && numLabels == 1;
    }

    /** The pooling of the embeddings as TEI names it ({@code mean}, {@code cls}, ...). */
    String pooling() {
        List<PoolingMode> modes = embeddings.pooling();
        return modes.size() == 1 ? modes.getFirst().shortName() : modes.stream().map(PoolingMode::shortName).toList().toString();
    }
}
