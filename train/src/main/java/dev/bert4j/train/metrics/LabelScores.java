package dev.bert4j.train.metrics;

/**
 * Precision, recall and F1 of one label (or entity type), with its support.
 *
 * @param label     the label's name
 * @param precision true positives / predicted positives, 0 when nothing was predicted
 * @param recall    true positives / gold positives, 0 when there is no gold example
 * @param f1        harmonic mean of precision and recall, 0 when both are 0
 * @param support   how many gold examples (or gold entities) carry the label
 */
public record LabelScores(String label, double precision, double recall, double f1, int support) {
    /** Scores from counts, with scikit-learn's {@code zero_division=0}. */
    static LabelScores of(String label, int truePositives, int predicted, int gold) {
        double p = ratio(truePositives, predicted);
        double r = ratio(truePositives, gold);
        return new LabelScores(label, p, r, f1(p, r), gold);
    }

    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    /** {@code 2PR / (P + R)}, 0 when {@code P + R} is 0 (seqeval's and scikit-learn's zero division). */
    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
