package dev.bert4j.train.tasks;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.TokenClassifierOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TrainingTask;
import dev.bert4j.train.data.LabelSet;
import dev.bert4j.train.data.TaggedSentence;
import dev.bert4j.train.data.TokenClassificationFeatures;
import dev.bert4j.train.data.TokenClassificationReader;
import dev.bert4j.train.data.TokenFeature;
import dev.bert4j.train.metrics.SeqevalMetrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token classification (NER, part-of-speech tags) on {@code BertForTokenClassification}: labels on each
 * word's first sub-token. Metrics: entity-level precision, recall and F1 as seqeval computes them (for
 * BIO tags) and word accuracy, over the words that fit in {@code max_length}, as HF's {@code run_ner.py}.
 */
public final class TokenClassificationTask implements TrainingTask {
    private final List<TokenFeature> train;
    private final List<TokenFeature> eval;
    private final LabelSet tags;
    private final int padId;

    private TokenClassificationTask(List<TokenFeature> train, List<TokenFeature> eval, LabelSet tags, int padId) {
        this.train = train;
        this.eval = eval;
        this.tags = tags;
        this.padId = padId;
    }

    /** Reads JSON Lines or CoNLL files; the tag set is {@code tagNames} when given, else the training file's, sorted. */
    public static TokenClassificationTask load(Tokenizer tok, Path trainFile, Path evalFile, List<String> tagNames,
                                               int maxLength) {
        List<TaggedSentence> sentences = TokenClassificationReader.read(trainFile);
        LabelSet set = tagNames != null ? LabelSet.of(tagNames) : LabelSet.fromTags(sentences);
        List<TokenFeature> tr = TokenClassificationFeatures.encode(tok, sentences, set, maxLength,
                trainFile.getFileName().toString());
        List<TokenFeature> ev = evalFile == null ? List.of() : TokenClassificationFeatures.encode(tok,
                TokenClassificationReader.read(evalFile), set, maxLength, evalFile.getFileName().toString());
        return new TokenClassificationTask(tr, ev, set, tok.specialTokens().padId());
    }

    @Override
    public HeadKind head() {
        return HeadKind.TOKEN_CLASSIFICATION;
    }

    @Override
    public BertConfig configure(BertConfig base) {
        return Configs.forHead(base, head(), tags.names(), null);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public int tokens(int i) {
        return train.get(i).length();
    }

    private record Batch(BertInputs inputs, int[] labels) {
    }

    private Batch batch(List<TokenFeature> features, int[] idx) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int i : idx) {
            ids.add(features.get(i).ids());
            types.add(features.get(i).typeIds());
            labels.add(features.get(i).labels());
        }
        BertInputs in = Batches.pad(ids, types, padId);
        return new Batch(in, Batches.padLabels(labels, in.seqLen()));
    }

    @Override
    public double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale) {
        Batch b = batch(train, batch);
        return ((BertForTokenClassification) model).trainStep(ctx, b.inputs, b.labels, lossScale);
    }

    @Override
    public boolean hasEval() {
        return !eval.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize) {
        BertForTokenClassification m = (BertForTokenClassification) model;
        int L = tags.size();
        List<List<String>> gold = new ArrayList<>();
        List<List<String>> pred = new ArrayList<>();
        double lossSum = 0;
        long counted = 0;
        for (int[] idx : Batches.byLength(eval.size(), i -> eval.get(i).length(), batchSize)) {
            Batch b = batch(eval, idx);
            TokenClassifierOutput out = m.forward(ctx, b.inputs, b.labels, ForwardOptions.DEFAULT);
            int T = b.inputs.seqLen();
            long n = java.util.Arrays.stream(b.labels).filter(y -> y != -100).count();
            if (n > 0) {
                lossSum += out.loss() * n;
                counted += n;
            }
            float[] z = out.logits().data();
            for (int i = 0; i < idx.length; i++) {
                List<String> g = new ArrayList<>();
                List<String> p = new ArrayList<>();
                for (int t = 0; t < T; t++) {
                    int y = b.labels[i * T + t];
                    if (y != -100) {
                        g.add(tags.name(y));
                        p.add(tags.name(Batches.argmax(z, (i * T + t) * L, L)));
                    }
                }
                gold.add(g);
                pred.add(p);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", counted == 0 ? Double.NaN : lossSum / counted);
        metrics.putAll(isBio() ? SeqevalMetrics.compute(gold, pred).asMap() : Map.of("accuracy", accuracy(gold, pred)));
        return metrics;
    }

    /** Whether the tags are BIO/IOB2 (entity metrics make sense), rather than plain tags such as parts of speech. */
    private boolean isBio() {
        return tags.names().stream().allMatch(t -> t.equals("O") || t.matches("[BIES]-.+"));
    }

    private static double accuracy(List<List<String>> gold, List<List<String>> pred) {
        long right = 0;
        long all = 0;
        for (int s = 0; s < gold.size(); s++) {
            for (int i = 0; i < gold.get(s).size(); i++) {
                right += gold.get(s).get(i).equals(pred.get(s).get(i)) ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    @Override
    public String defaultMetric() {
        return isBio() ? "f1" : "accuracy";
    }
}
