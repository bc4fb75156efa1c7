package dev.bert4j.train.tasks;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.SequenceClassifierOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TrainingTask;
import dev.bert4j.train.data.DatasetException;
import dev.bert4j.train.data.LabelSet;
import dev.bert4j.train.data.LabeledText;
import dev.bert4j.train.data.SequenceFeature;
import dev.bert4j.train.data.TextClassificationFeatures;
import dev.bert4j.train.data.TextClassificationReader;
import dev.bert4j.train.metrics.ClassificationMetrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text (and text-pair) classification, single-label (cross-entropy) or multi-label (BCE with logits), on
 * {@code BertForSequenceClassification}. Metrics: accuracy and macro/weighted precision, recall and F1;
 * for multi-label, subset accuracy and micro F1.
 */
public final class TextClassificationTask implements TrainingTask {
    private final List<SequenceFeature> train;
    private final List<SequenceFeature> eval;
    private final LabelSet labels;
    private final boolean multiLabel;
    private final int padId;

    private TextClassificationTask(List<SequenceFeature> train, List<SequenceFeature> eval, LabelSet labels,
                                   boolean multiLabel, int padId) {
        this.train = train;
        this.eval = eval;
        this.labels = labels;
        this.multiLabel = multiLabel;
        this.padId = padId;
    }

    /**
     * Reads and encodes the files; the label set is {@code labelNames} when given, else the training
     * file's labels sorted.
     *
     * @param evalFile may be null
     */
    public static TextClassificationTask load(Tokenizer tok, Path trainFile, Path evalFile, List<String> labelNames,
                                              int maxLength) {
        List<LabeledText> trainExamples = TextClassificationReader.read(trainFile);
        boolean multi = LabeledText.isMultiLabel(trainExamples);
        LabelSet set = labelNames != null ? LabelSet.of(labelNames) : LabelSet.fromExamples(trainExamples);
        if (set.size() < 2 && !multi) {
            throw new DatasetException(trainFile + " has only the label " + set.names() + "; a classifier needs at"
                    + " least two (pass --labels to name them all)");
        }
        List<SequenceFeature> tr = TextClassificationFeatures.encode(tok, trainExamples, set, maxLength,
                trainFile.getFileName().toString(), multi);
        List<SequenceFeature> ev = evalFile == null ? List.of() : TextClassificationFeatures.encode(tok,
                TextClassificationReader.read(evalFile), set, maxLength, evalFile.getFileName().toString(), multi);
        return new TextClassificationTask(tr, ev, set, multi, tok.specialTokens().padId());
    }

    public LabelSet labels() {
        return labels;
    }

    @Override
    public HeadKind head() {
        return HeadKind.SEQUENCE_CLASSIFICATION;
    }

    @Override
    public BertConfig configure(BertConfig base) {
        return Configs.forHead(base, head(), labels.names(),
                multiLabel ? BertForSequenceClassification.MULTI_LABEL : BertForSequenceClassification.SINGLE_LABEL);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public int tokens(int i) {
        return train.get(i).length();
    }

    @Override
    public double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale) {
        Batch b = batch(train, batch);
        return ((BertForSequenceClassification) model).trainStep(ctx, b.inputs, b.classIds, b.targets, lossScale);
    }

    private record Batch(BertInputs inputs, int[] classIds, float[] targets) {
    }

    private Batch batch(List<SequenceFeature> features, int[] idx) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        int[] classIds = new int[idx.length];
        float[] targets = new float[idx.length * labels.size()];
        for (int i = 0; i < idx.length; i++) {
            SequenceFeature f = features.get(idx[i]);
            ids.add(f.ids());
            types.add(f.typeIds());
            classIds[i] = f.label();
            if (multiLabel) {
                System.arraycopy(f.multiHot(), 0, targets, i * labels.size(), labels.size());
            }
        }
        BertInputs in = Batches.pad(ids, types, padId);
        return multiLabel ? new Batch(in, null, targets) : new Batch(in, classIds, null);
    }

    @Override
    public boolean hasEval() {
        return !eval.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize) {
        BertForSequenceClassification m = (BertForSequenceClassification) model;
        int L = labels.size();
        int[] gold = new int[eval.size()];
        int[] pred = new int[eval.size()];
        boolean[][] goldSets = new boolean[eval.size()][L];
        boolean[][] predSets = new boolean[eval.size()][L];
        double lossSum = 0;
        for (int[] idx : Batches.byLength(eval.size(), i -> eval.get(i).length(), batchSize)) {
            Batch b = batch(eval, idx);
            SequenceClassifierOutput out = m.forward(ctx, b.inputs, ForwardOptions.DEFAULT, b.classIds, b.targets);
            lossSum += out.loss() * idx.length;
            float[] z = out.logits().data();
            for (int i = 0; i < idx.length; i++) {
                int e = idx[i];
                gold[e] = eval.get(e).label();
                pred[e] = Batches.argmax(z, i * L, L);
                for (int j = 0; multiLabel && j < L; j++) {
                    goldSets[e][j] = eval.get(e).multiHot()[j] > 0.5f;
                    predSets[e][j] = z[i * L + j] > 0;                      // sigmoid > 0.5
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / eval.size());
        metrics.putAll(multiLabel ? MultiLabelMetrics.compute(goldSets, predSets)
                : ClassificationMetrics.compute(gold, pred, labels.names()).asMap());
        return metrics;
    }

    @Override
    public String defaultMetric() {
        return multiLabel ? "micro_f1" : "accuracy";
    }
}
