package dev.bert4j.pipeline.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds question-answering windows for tests. Context and [CLS] tokens get logits ln(p), so with the
 * p of a window's answer tokens summing to 1 the softmax over them is exactly p. Question and [SEP]
 * tokens get the huge logit 50: the pipeline must mask them out, or every expected value is wrong.
 */
final class QaWindows {

    static final int CLS = 101;
    static final int SEP = 102;
    private static final float OUTSIDE_LOGIT = 50f;

    private final List<int[]> tokens = new ArrayList<>(); // id, sequence id, start, end, word id
    private final List<float[]> logits = new ArrayList<>(); // start, end

    /** [CLS] with start and end probabilities, then a two-token question and [SEP]. */
    static QaWindows withQuestion(double clsStart, double clsEnd) {
        QaWindows w = new QaWindows();
        w.add(new int[] {CLS, -1, 0, 0, -1}, (float) Math.log(clsStart), (float) Math.log(clsEnd));
        w.add(new int[] {2040, 0, 0, 3, 0}, OUTSIDE_LOGIT, OUTSIDE_LOGIT);
        w.add(new int[] {3248, 0, 4, 9, 1}, OUTSIDE_LOGIT, OUTSIDE_LOGIT);
        w.add(new int[] {SEP, -1, 0, 0, -1}, OUTSIDE_LOGIT, OUTSIDE_LOGIT);
        return w;
    }

    QaWindows context(int start, int end, int word, double pStart, double pEnd) {
        add(new int[] {5000 + tokens.size(), 1, start, end, word}, (float) Math.log(pStart), (float) Math.log(pEnd));
        return this;
    }

    QuestionAnsweringWindow build() {
        add(new int[] {SEP, -1, 0, 0, -1}, OUTSIDE_LOGIT, OUTSIDE_LOGIT);
        int t = tokens.size();
        int[] ids = new int[t];
        int[] sequenceIds = new int[t];
        int[][] offsets = new int[t][];
        int[] wordIds = new int[t];
        float[] start = new float[t];
        float[] end = new float[t];
        for (int i = 0; i < t; i++) {
            int[] token = tokens.get(i);
            ids[i] = token[0];
            sequenceIds[i] = token[1];
            offsets[i] = new int[] {token[2], token[3]};
            wordIds[i] = token[4];
            start[i] = logits.get(i)[0];
            end[i] = logits.get(i)[1];
        }
        return new QuestionAnsweringWindow(ids, sequenceIds, offsets, wordIds, start, end);
    }

    private void add(int[] token, float startLogit, float endLogit) {
        tokens.add(token);
        logits.add(new float[] {startLogit, endLogit});
    }
}
