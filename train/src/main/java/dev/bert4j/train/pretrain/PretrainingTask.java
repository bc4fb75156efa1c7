package dev.bert4j.train.pretrain;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertForPreTraining;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.MaskedLmEvaluation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.TrainingTask;
import dev.bert4j.train.data.DatasetException;
import dev.bert4j.train.tasks.Batches;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pre-training: masked LM with next-sentence prediction ({@code BertForPreTraining}) or masked LM alone
 * ({@code BertForMaskedLM}). Sequences are made once per run by {@link InstanceMaker} (so NSP pairs are
 * fixed, as in HF's {@code TextDatasetForNextSentencePrediction}); masks are drawn for every batch from
 * the step's generator (dynamic masking). Evaluation uses masks fixed by the instance's index, so every
 * evaluation scores the same positions, and reports masked-LM loss, accuracy and perplexity, next-sentence
 * loss and accuracy, and the unigram baseline: the cross-entropy of the same masked tokens under the
 * training corpus's token frequencies (add-one smoothed), what a model that learned only frequencies scores.
 */
public final class PretrainingTask implements TrainingTask {
    private final boolean nextSentence;
    private final List<PretrainingInstance> train;
    private final List<PretrainingInstance> eval;
    private final Masking masking;
    private final int padId;
    private final double[] logUnigram;

    private PretrainingTask(boolean nextSentence, List<PretrainingInstance> train, List<PretrainingInstance> eval,
                            Masking masking, int padId, double[] logUnigram) {
        this.nextSentence = nextSentence;
        this.train = train;
        this.eval = eval;
        this.masking = masking;
        this.padId = padId;
        this.logUnigram = logUnigram;
    }

    /** What shapes the sequences and masks. */
    public record Options(boolean nextSentence, int maxLength, double shortSeqProb, double mlmProbability,
                          boolean wholeWordMasking, long seed) {
    }

    public static PretrainingTask load(Tokenizer tok, Path trainFile, Path evalFile, Options o) {
        int cls = tok.specialTokens().clsId();
        int sep = tok.specialTokens().sepId();
        int mask = tok.specialTokens().maskId();
        if (cls < 0 || sep < 0 || mask < 0) {
            throw new DatasetException("the tokenizer lacks [CLS], [SEP] or [MASK]; pre-training needs all three");
        }
        TokenizedCorpus corpus = TokenizedCorpus.read(trainFile, tok);
        List<PretrainingInstance> tr = maker(corpus, o, cls, sep).make(new SplittableRandom(o.seed()));
        List<PretrainingInstance> ev = evalFile == null ? List.of()
                : maker(TokenizedCorpus.read(evalFile, tok), o, cls, sep).make(new SplittableRandom(o.seed() + 1));
        int V = tok.vocabSize();
        boolean[] continuation = new boolean[V];
        boolean[] special = new boolean[V];
        for (int id = 0; id < V; id++) {
            String t = tok.idToToken(id);
            continuation[id] = t != null && t.startsWith("##");
        }
        for (int id : new int[] {cls, sep, mask, tok.specialTokens().padId(), tok.specialTokens().unkId()}) {
            if (id >= 0) {
                special[id] = true;
            }
        }
        int maxPredictions = Math.max(1, (int) Math.round(o.maxLength() * o.mlmProbability()));
        Masking masking = new Masking(o.mlmProbability(), maxPredictions, o.wholeWordMasking(), continuation, special,
                mask);
        return new PretrainingTask(o.nextSentence(), tr, ev, masking, tok.specialTokens().padId(),
                logUnigram(corpus.counts(V)));
    }

    private static InstanceMaker maker(TokenizedCorpus c, Options o, int cls, int sep) {
        try {
            return new InstanceMaker(c, o.maxLength(), o.shortSeqProb(), o.nextSentence(), cls, sep);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(e.getMessage(), e);
        }
    }

    private static double[] logUnigram(long[] counts) {
        double total = 0;
        for (long c : counts) {
            total += c + 1;
        }
        double[] lp = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            lp[i] = Math.log((counts[i] + 1) / total);
        }
        return lp;
    }

    @Override
    public HeadKind head() {
        return nextSentence ? HeadKind.PRE_TRAINING : HeadKind.MASKED_LM;
    }

    @Override
    public BertConfig configure(BertConfig base) {
        return new BertConfig(base.vocabSize(), base.hiddenSize(), base.numHiddenLayers(), base.numAttentionHeads(),
                base.intermediateSize(), base.hiddenAct(), base.hiddenDropoutProb(), base.attentionProbsDropoutProb(),
                base.maxPositionEmbeddings(), base.typeVocabSize(), base.initializerRange(), base.layerNormEps(),
                base.positionEmbeddingType(), base.padTokenId(), base.classifierDropout(), Map.of(), Map.of(), null,
                List.of(head().architecture()), base.modelType());
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public int tokens(int i) {
        return train.get(i).ids().length;
    }

    private record Batch(BertInputs inputs, int[] labels, int[] nextSentence) {
    }

    /** Masks each instance with {@code rng} (or, when null, with a generator fixed by its index) and pads. */
    private Batch batch(List<PretrainingInstance> instances, int[] idx, SplittableRandom rng) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        int[] nsp = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            PretrainingInstance in = instances.get(idx[i]);
            Masking.Masked m = masking.mask(in.ids(), rng != null ? rng : new SplittableRandom(0x5EEDL + idx[i]));
            ids.add(m.ids());
            types.add(in.typeIds());
            labels.add(m.labels());
            nsp[i] = in.randomNext() ? 1 : 0;
        }
        BertInputs inputs = Batches.pad(ids, types, padId);
        return new Batch(inputs, Batches.padLabels(labels, inputs.seqLen()), nsp);
    }

    @Override
    public double trainStep(ComputeContext ctx, BertTaskModel model, int[] batch, double lossScale) {
        Batch b = batch(train, batch, ctx.rng());
        if (model instanceof BertForPreTraining pt) {
            return pt.trainStep(ctx, b.inputs, b.labels, b.nextSentence, lossScale).total();
        }
        return ((BertForMaskedLM) model).trainStep(ctx, b.inputs, b.labels, lossScale);
    }

    @Override
    public boolean hasEval() {
        return !eval.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate(ComputeContext ctx, BertTaskModel model, int batchSize) {
        MaskedLmEvaluation sum = new MaskedLmEvaluation(0, 0, 0, 0, 0, 0);
        double unigram = 0;
        for (int s = 0; s < eval.size(); s += batchSize) {
            int[] idx = java.util.stream.IntStream.range(s, Math.min(eval.size(), s + batchSize)).toArray();
            Batch b = batch(eval, idx, null);
            sum = sum.plus(model instanceof BertForPreTraining pt ? pt.evaluate(ctx, b.inputs, b.labels, b.nextSentence)
                    : ((BertForMaskedLM) model).evaluate(ctx, b.inputs, b.labels));
            for (int y : b.labels) {
                unigram -= y == Masking.IGNORE ? 0 : logUnigram[y];
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        double mlm = sum.mlmLoss() / sum.mlmCount();
        double nsp = sum.nspCount() == 0 ? 0 : sum.nspLoss() / sum.nspCount();
        m.put("loss", mlm + nsp);
        m.put("mlm_loss", mlm);
        m.put("mlm_accuracy", (double) sum.mlmCorrect() / sum.mlmCount());
        m.put("perplexity", Math.exp(mlm));
        m.put("unigram_baseline", unigram / sum.mlmCount());
        if (nextSentence) {
            m.put("nsp_loss", nsp);
            m.put("nsp_accuracy", (double) sum.nspCorrect() / sum.nspCount());
        }
        return m;
    }

    @Override
    public String defaultMetric() {
        return "loss";
    }
}
