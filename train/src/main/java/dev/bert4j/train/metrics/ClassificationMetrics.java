package dev.bert4j.train.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sequence-classification scores with scikit-learn's semantics ({@code accuracy_score} and
 * {@code precision_recall_fscore_support} with {@code zero_division=0} and {@code labels=None}): the
 * macro and weighted averages run over the labels that occur in the gold labels or the predictions,
 * in label-id order; a label that was never predicted has precision 0, one never gold has recall 0.
 *
 * @param accuracy          fraction of examples predicted right
 * @param macroPrecision    unweighted mean of the per-label precisions
 * @param macroRecall       unweighted mean of the per-label recalls
 * @param macroF1           unweighted mean of the per-label F1 scores
 * @param weightedPrecision mean of the per-label precisions weighted by support
 * @param weightedRecall    mean of the per-label recalls weighted by support
 * @param weightedF1        mean of the per-label F1 scores weighted by support
 * @param perLabel          the labels that occur in gold or predictions, in label-id order
 */
public record ClassificationMetrics(double accuracy, double macroPrecision, double macroRecall, double macroF1,
                                    double weightedPrecision, double weightedRecall, double weightedF1,
                                    List<LabelScores> perLabel) {
    public ClassificationMetrics {
        perLabel = List.copyOf(perLabel);
    }

    /**
     * Scores {@code predicted} against {@code gold}, both label ids indexing {@code labelNames}.
     *
     * @throws IllegalArgumentException when the arrays are empty or differ in length, or an id is out of range
     */
    public static ClassificationMetrics compute(int[] gold, int[] predicted, List<String> labelNames) {
        Objects.requireNonNull(labelNames, "labelNames");
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException(gold.length + " gold labels but " + predicted.length + " predictions");
        }
        if (gold.length == 0) {
            throw new IllegalArgumentException("no examples to score");
        }
        int n = labelNames.size();
        int[] truePositives = new int[n];
        int[] predictedCount = new int[n];
        int[] goldCount = new int[n];
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            checkId(gold[i], n, "gold", i);
            checkId(predicted[i], n, "predicted", i);
            goldCount[gold[i]]++;
            predictedCount[predicted[i]]++;
            if (gold[i] == predicted[i]) {
                truePositives[gold[i]]++;
                correct++;
            }
        }
        List<LabelScores> perLabel = new ArrayList<>();
        for (int label = 0; label < n; label++) {
            if (goldCount[label] > 0 || predictedCount[label] > 0) {
                perLabel.add(LabelScores.of(labelNames.get(label), truePositives[label], predictedCount[label],
                        goldCount[label]));
            }
        }
        return average((double) correct / gold.length, perLabel, gold.length);
    }

    private static ClassificationMetrics average(double accuracy, List<LabelScores> perLabel, int total) {
        double mp = 0, mr = 0, mf = 0, wp = 0, wr = 0, wf = 0;
        for (LabelScores s : perLabel) {
            mp += s.precision();
            mr += s.recall();
            mf += s.f1();
            wp += s.precision() * s.support();
            wr += s.recall() * s.support();
            wf += s.f1() * s.support();
        }
        int k = perLabel.size();
        return new ClassificationMetrics(accuracy, mp / k, mr / k, mf / k, wp / total, wr / total, wf / total,
                perLabel);
    }

    private static void checkId(int id, int n, String which, int index) {
        if (id < 0 || id >= n) {
            throw new IllegalArgumentException(which + " label " + id + " at example " + index
                    + " is outside the " + n + " label names");
        }
    }

    /**
     * The averages by the names the Hugging Face examples report: {@code accuracy}, {@code macro_precision},
     * {@code macro_recall}, {@code macro_f1}, {@code weighted_precision}, {@code weighted_recall},
     * {@code weighted_f1}.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("macro_precision", macroPrecision);
        m.put("macro_recall", macroRecall);
        m.put("macro_f1", macroF1);
        m.put("weighted_precision", weightedPrecision);
        m.put("weighted_recall", weightedRecall);
        m.put("weighted_f1", weightedF1);
        return m;
    }
}
