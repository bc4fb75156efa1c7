package dev.bert4j.train.tasks;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForMultipleChoice;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.MultipleChoiceModelOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TrainingTask;
import dev.bert4j.train.data.ChoiceFeature;
import dev.bert4j.train.data.DatasetException;
import dev.bert4j.train.data.MultipleChoiceFeatures;
import dev.bert4j.train.data.MultipleChoiceReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Multiple choice (SWAG-style) on {@code BertForMultipleChoice}: each choice paired with the shared text. Metric: accuracy. */
public final class MultipleChoiceTask implements TrainingTask {
    private final List<ChoiceFeature> train;
    private final List<ChoiceFeature> eval;
    private final int numChoices;
    private final int padId;

    private MultipleChoiceTask(List<ChoiceFeature> train, List<ChoiceFeature> eval, int numChoices, int padId) {
        this.train = train;
        this.eval = eval;
        this.numChoices = numChoices;
        this.padId = padId;
    }

    public static MultipleChoiceTask load(Tokenizer tok, Path trainFile, Path evalFile, int maxLength) {
        List<ChoiceFeature> tr = MultipleChoiceFeatures.encode(tok, MultipleChoiceReader.read(trainFile), maxLength);
        List<ChoiceFeature> ev = evalFile == null ? List.of()
                : MultipleChoiceFeatures.encode(tok, MultipleChoiceReader.read(evalFile), maxLength);
        int n = tr.getFirst().numChoices();
        if (!ev.isEmpty() && ev.getFirst().numChoices() != n) {
            throw new DatasetException(evalFile + " has " + ev.getFirst().numChoices() + " choices per example but "
                    + trainFile + " has " + n);
        }
        return new MultipleChoiceTask(tr, ev, n, tok.specialTokens().padId());
    }

    @Override
    public HeadKind head() {
        return HeadKind.MULTIPLE_CHOICE;
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
        int n = 0;
        for (int[] ids : train.get(i).ids()) {
            n += ids.length;
        }
        return n;
    }

    private BertInputs inputs(List<ChoiceFeature> features, int[] idx) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        for (int i : idx) {
            for (int c = 0; c < numChoices; c++) {
                ids.add(features.get(i).ids()[c]);
                types.add(features.get(i).typeIds()[c]);
            }
        }
        return Batches.pad(ids, types, padId);
    }

    private static int[] labels(List<ChoiceFeature> features, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            y[i] = features.get(idx[i]).label();
        }
        return y;
    }

    @Override
    public double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale) {
        return ((BertForMultipleChoice) model).trainStep(ctx, inputs(train, batch), numChoices, labels(train, batch),
                lossScale);
    }

    @Override
    public boolean hasEval() {
        return !eval.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize) {
        BertForMultipleChoice m = (BertForMultipleChoice) model;
        double lossSum = 0;
        int right = 0;
        for (int[] idx : Batches.byLength(eval.size(), i -> eval.get(i).ids()[0].length, batchSize)) {
            int[] y = labels(eval, idx);
            MultipleChoiceModelOutput out = m.forward(ctx, inputs(eval, idx), numChoices, y, ForwardOptions.DEFAULT);
            lossSum += out.loss() * idx.length;
            for (int i = 0; i < idx.length; i++) {
                right += Batches.argmax(out.logits().data(), i * numChoices, numChoices) == y[i] ? 1 : 0;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / eval.size());
        metrics.put("accuracy", (double) right / eval.size());
        return metrics;
    }

    @Override
    public String defaultMetric() {
        return "accuracy";
    }
}
