package dev.bert4j.pipeline.qa;

import dev.bert4j.pipeline.Ranking;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code select_starts_ends} and {@code decode_spans} for one window. Pure functions.
 *
 * <p>Tokens that cannot be in an answer (HF's {@code p_mask}: everything outside the context except
 * {@code [CLS]}) get the logit -10000 before each softmax, so they keep a (vanishing) share of the
 * probability exactly as in HF. The null score is {@code p_start(0) * p_end(0)}, read before
 * position 0 is zeroed. A span (s, e) is a candidate when s and e are both answer tokens other than
 * position 0 and {@code s <= e <= s + max_answer_len - 1}; its score is {@code p_start(s) *
 * p_end(e)} (the outer product HF builds); the best {@code top_k} are kept, ties by lower (s, e).
 *
 * <p>Difference from HF: HF takes its top {@code k} over every cell of the score matrix and then
 * drops spans outside the context, so when {@code top_k} exceeds the number of candidates it can
 * return zero-score spans that end before they start; here only candidates are ever returned (HF's
 * documented intent: "we return less than topk answers if there are not enough options").
 */
final class SpanDecoder {

    /** HF's fill value for logits of tokens that cannot be in the answer. */
    static final float MASKED_LOGIT = -10000.0f;

    record Span(int start, int end, double score) {
    }

    record WindowSpans(List<Span> spans, double nullScore) {
    }

    private SpanDecoder() {
    }

    static WindowSpans decode(float[] startLogits, float[] endLogits, boolean[] answerToken, int topK,
            int maxAnswerLen) {
        double[] pStart = maskedSoftmax(startLogits, answerToken);
        double[] pEnd = maskedSoftmax(endLogits, answerToken);
        double nullScore = pStart[0] * pEnd[0];
        pStart[0] = 0;
        pEnd[0] = 0;
        List<Span> candidates = new ArrayList<>();
        for (int s = 1; s < pStart.length; s++) {
            if (!answerToken[s]) {
                continue;
            }
            int last = Math.min(pEnd.length - 1, s + maxAnswerLen - 1);
            for (int e = s; e <= last; e++) {
                if (answerToken[e]) {
                    candidates.add(new Span(s, e, pStart[s] * pEnd[e]));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new WindowSpans(List.of(), nullScore);
        }
        double[] scores = candidates.stream().mapToDouble(Span::score).toArray();
        List<Span> best = new ArrayList<>();
        for (int i : Ranking.topIndices(scores, Math.min(topK, scores.length))) {
            best.add(candidates.get(i));
        }
        return new WindowSpans(best, nullScore);
    }

    private static double[] maskedSoftmax(float[] logits, boolean[] answerToken) {
        double max = Double.NEGATIVE_INFINITY;
        double[] x = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            x[i] = answerToken[i] ? logits[i] : MASKED_LOGIT;
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }
}
