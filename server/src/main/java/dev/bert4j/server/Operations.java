package dev.bert4j.server;

import dev.bert4j.model.BertModel;
import dev.bert4j.model.PackedOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.BatchPlanner;
import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
import dev.bert4j.pipeline.nsp.NextSentence;
import dev.bert4j.pipeline.nsp.NextSentencePipeline;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.qa.QuestionContext;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.tokenizers.Encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations the inference queue batches. Each is a record of a pipeline and the options that must be
 * equal for two requests to share a model call; {@code run} is the pipeline's own batch method, so a served
 * answer is the answer the CLI gives.
 */
final class Operations {
    private Operations() {
    }

    /** Sentence embeddings of tokenized inputs, not normalized (each request normalizes its own). */
    record Embed(SentenceEmbeddingPipeline pipeline) implements InferenceQueue.Operation<Encoding, float[]> {
        @Override
        public List<float[]> run(ComputeContext ctx, List<Encoding> inputs) {
            return pipeline.embedEncodings(ctx, inputs);
        }
    }

    /** Every token's last hidden state ({@code /embed_all}): (T, C) per input. */
    record EmbedAll(BertModel model, BatchPlanner planner) implements InferenceQueue.Operation<Encoding, float[][]> {
        @Override
        public List<float[][]> run(ComputeContext ctx, List<Encoding> inputs) {
            return Batching.runPacked(inputs, planner, (in, idx) -> {
                PackedOutput o = model.forwardPacked(ctx, in);
                List<float[][]> part = new ArrayList<>(idx.length);
                for (int b = 0; b < idx.length; b++) {
                    part.add(o.tokenRows(b));
                }
                return part;
            });
        }
    }

    /** Sequence classification of texts and pairs ({@code [text, pair-or-null]}). */
    record Classify(TextClassificationPipeline pipeline, TextClassificationOptions options)
            implements InferenceQueue.Operation<String[], List<LabelScore>> {
        @Override
        public List<List<LabelScore>> run(ComputeContext ctx, List<String[]> inputs) {
            List<String> texts = new ArrayList<>(inputs.size());
            List<String> pairs = new ArrayList<>(inputs.size());
            boolean anyPair = false;
            for (String[] in : inputs) {
                texts.add(in[0]);
                pairs.add(in[1]);
                anyPair |= in[1] != null;
            }
            return pipeline.runBatch(ctx, texts, anyPair ? pairs : null, options);
        }
    }

    record Ner(TokenClassificationPipeline pipeline, TokenClassificationOptions options)
            implements InferenceQueue.Operation<String, List<Entity>> {
        @Override
        public List<List<Entity>> run(ComputeContext ctx, List<String> inputs) {
            return pipeline.runBatch(ctx, inputs, options);
        }
    }

    record Qa(QuestionAnsweringPipeline pipeline, QuestionAnsweringOptions options)
            implements InferenceQueue.Operation<QuestionContext, List<Answer>> {
        @Override
        public List<List<Answer>> run(ComputeContext ctx, List<QuestionContext> inputs) {
            return pipeline.runBatch(ctx, inputs, options);
        }
    }

    record FillMask(FillMaskPipeline pipeline, FillMaskOptions options)
            implements InferenceQueue.Operation<String, List<List<MaskPrediction>>> {
        @Override
        public List<List<List<MaskPrediction>>> run(ComputeContext ctx, List<String> inputs) {
            return pipeline.runBatch(ctx, inputs, options);
        }
    }

    record Nsp(NextSentencePipeline pipeline) implements InferenceQueue.Operation<String[], NextSentence> {
        @Override
        public List<NextSentence> run(ComputeContext ctx, List<String[]> inputs) {
            List<String> a = new ArrayList<>(inputs.size());
            List<String> b = new ArrayList<>(inputs.size());
            for (String[] in : inputs) {
                a.add(in[0]);
                b.add(in[1]);
            }
            return pipeline.runBatch(ctx, a, b);
        }
    }

    /** Token vectors, and on request every layer's hidden states and attentions, one input at a time. */
    record Features(FeatureExtractionPipeline pipeline, boolean hiddenStates, boolean attentions)
            implements InferenceQueue.Operation<String[], TokenFeatures> {
        @Override
        public List<TokenFeatures> run(ComputeContext ctx, List<String[]> inputs) {
            List<TokenFeatures> out = new ArrayList<>(inputs.size());
            for (String[] in : inputs) {
                out.add(in[1] == null ? pipeline.extract(ctx, in[0], hiddenStates, attentions)
                        : pipeline.extract(ctx, in[0], in[1], hiddenStates, attentions));
            }
            return out;
        }
    }
}
