package dev.bert4j.model;

import dev.bert4j.nn.CrossEntropyLoss;

/**
 * Sums over a batch for pre-training metrics, scoring only the labelled positions (the V-wide decoder runs
 * on those rows alone): masked-LM cross-entropy and correct top-1 predictions, and, for a model with the
 * next-sentence head, its cross-entropy and correct predictions.
 *
 * @param mlmLoss    sum over labelled positions of -log p(label)
 * @param mlmCorrect labelled positions whose top-scoring token is the label
 * @param mlmCount   labelled positions
 * @param nspLoss    sum over sequences of the next-sentence cross-entropy (0 without that head)
 * @param nspCorrect sequences whose next-sentence label is predicted
 * @param nspCount   sequences scored for next-sentence prediction (0 without that head)
 */
public record MaskedLmEvaluation(double mlmLoss, long mlmCorrect, long mlmCount, double nspLoss, long nspCorrect,
                                 long nspCount) {

    public MaskedLmEvaluation plus(MaskedLmEvaluation o) {
        return new MaskedLmEvaluation(mlmLoss + o.mlmLoss, mlmCorrect + o.mlmCorrect, mlmCount + o.mlmCount,
                nspLoss + o.nspLoss, nspCorrect + o.nspCorrect, nspCount + o.nspCount);
    }

    static MaskedLmEvaluation empty() {
        return new MaskedLmEvaluation(0, 0, 0, 0, 0, 0);
    }

    /** Sums of cross-entropy and top-1 hits of rows of logits against labels (rows with -100 skipped). */
    static MaskedLmEvaluation score(float[] logits, int[] labels, int rows, int classes, boolean nsp) {
        double loss = 0;
        long correct = 0;
        long count = 0;
        for (int r = 0; r < rows; r++) {
            int y = labels[r];
            if (y == CrossEntropyLoss.IGNORE_INDEX) {
                continue;
            }
            int off = r * classes;
            int arg = 0;
            for (int j = 1; j < classes; j++) {
                arg = logits[off + j] > logits[off + arg] ? j : arg;
            }
            loss += CrossEntropyLoss.logSumExp(logits, off, classes) - logits[off + y];
            correct += arg == y ? 1 : 0;
            count++;
        }
        return nsp ? new MaskedLmEvaluation(0, 0, 0, loss, correct, count)
                : new MaskedLmEvaluation(loss, correct, count, 0, 0, 0);
    }
}
