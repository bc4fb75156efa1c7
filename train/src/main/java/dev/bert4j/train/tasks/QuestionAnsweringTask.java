package dev.bert4j.train.tasks;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForQuestionAnswering;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.HeadKind;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.qa.QuestionContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TrainingException;
import dev.bert4j.train.TrainingTask;
import dev.bert4j.train.data.QaFeature;
import dev.bert4j.train.data.QaFeatures;
import dev.bert4j.train.data.SquadAnswer;
import dev.bert4j.train.data.SquadExample;
import dev.bert4j.train.data.SquadReader;
import dev.bert4j.train.metrics.SquadMetrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extractive question answering on SQuAD v1.1/v2.0 files with {@code BertForQuestionAnswering}: training
 * windows as HF's {@code prepare_train_features}; evaluation through the {@code qa} pipeline itself
 * (windows, span search, null answers when the data has unanswerable questions), scored with the official
 * SQuAD exact match and F1.
 */
public final class QuestionAnsweringTask implements TrainingTask {
    /** Examples answered per pipeline call during evaluation. */
    private static final int EVAL_CHUNK = 32;

    private final Tokenizer tokenizer;
    private final List<QaFeature> train;
    private final List<QaFeature> evalFeatures;
    private final List<SquadExample> evalExamples;
    private final int maxLength;
    private final int docStride;
    private final int padId;

    private QuestionAnsweringTask(Tokenizer tokenizer, List<QaFeature> train, List<QaFeature> evalFeatures,
                                  List<SquadExample> evalExamples, int maxLength, int docStride) {
        this.tokenizer = tokenizer;
        this.train = train;
        this.evalFeatures = evalFeatures;
        this.evalExamples = evalExamples;
        this.maxLength = maxLength;
        this.docStride = docStride;
        this.padId = tokenizer.specialTokens().padId();
    }

    public static QuestionAnsweringTask load(Tokenizer tok, Path trainFile, Path evalFile, int maxLength, int docStride) {
        if (docStride >= maxLength / 2) {
            throw new TrainingException("--doc-stride " + docStride + " must be below half of --max-length "
                    + maxLength + " so that the windows move forward through the context");
        }
        List<QaFeature> tr = QaFeatures.encode(tok, SquadReader.read(trainFile), maxLength, docStride);
        List<SquadExample> ex = evalFile == null ? List.of() : SquadReader.read(evalFile);
        List<QaFeature> ev = ex.isEmpty() ? List.of() : QaFeatures.encode(tok, ex, maxLength, docStride);
        return new QuestionAnsweringTask(tok, tr, ev, ex, maxLength, docStride);
    }

    @Override
    public HeadKind head() {
        return HeadKind.QUESTION_ANSWERING;
    }

    @Override
    public BertConfig configure(BertConfig base) {
        return Configs.forHead(base, head(), List.of(), null);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public int tokens(int i) {
        return train.get(i).length();
    }

    private record Batch(BertInputs inputs, int[] start, int[] end) {
    }

    private Batch batch(List<QaFeature> features, int[] idx) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        int[] start = new int[idx.length];
        int[] end = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            QaFeature f = features.get(idx[i]);
            ids.add(f.ids());
            types.add(f.typeIds());
            start[i] = f.startPosition();
            end[i] = f.endPosition();
        }
        return new Batch(Batches.pad(ids, types, padId), start, end);
    }

    @Override
    public double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale) {
        Batch b = batch(train, batch);
        return ((BertForQuestionAnswering) model).trainStep(ctx, b.inputs, b.start, b.end, lossScale);
    }

    @Override
    public boolean hasEval() {
        return !evalExamples.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize) {
        BertForQuestionAnswering m = (BertForQuestionAnswering) model;
        double lossSum = 0;
        for (int[] idx : Batches.byLength(evalFeatures.size(), i -> evalFeatures.get(i).length(), batchSize)) {
            Batch b = batch(evalFeatures, idx);
            lossSum += m.forward(ctx, b.inputs, b.start, b.end, ForwardOptions.DEFAULT).loss() * idx.length;
        }
        List<String> predictions = predict(ctx, m);
        List<List<String>> gold = new ArrayList<>();
        for (SquadExample e : evalExamples) {
            gold.add(e.answers().stream().map(SquadAnswer::text).toList());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / evalFeatures.size());
        metrics.putAll(SquadMetrics.compute(predictions, gold).asMap());
        return metrics;
    }

    /** The best answer of each evaluation example through the {@code qa} pipeline ("" for no answer). */
    private List<String> predict(ComputeContext ctx, BertForQuestionAnswering model) {
        QuestionAnsweringPipeline qa = new QuestionAnsweringPipeline(model, tokenizer);
        boolean impossible = evalExamples.stream().anyMatch(SquadExample::impossible);
        QuestionAnsweringOptions options = qa.defaultOptions().withWindows(maxLength, docStride,
                Math.min(64, maxLength / 2)).withHandleImpossibleAnswer(impossible);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < evalExamples.size(); s += EVAL_CHUNK) {
            List<QuestionContext> chunk = new ArrayList<>();
            for (SquadExample e : evalExamples.subList(s, Math.min(evalExamples.size(), s + EVAL_CHUNK))) {
                chunk.add(new QuestionContext(e.question(), e.context()));
            }
            for (List<Answer> answers : qa.runBatch(ctx, chunk, options)) {
                out.add(answers.isEmpty() ? "" : answers.getFirst().answer());
            }
        }
        return out;
    }

    @Override
    public String defaultMetric() {
        return "f1";
    }
}
