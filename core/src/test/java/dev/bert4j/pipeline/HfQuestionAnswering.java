package dev.bert4j.pipeline;

import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.tokenizers.Encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * transformers' QuestionAnsweringPipeline post-processing for one window, written out for tests: p_mask keeps
 * the context and [CLS]; softmax over them with the rest at -10000; [CLS] then zeroed; spans s ≤ e < s +
 * max_answer_len scored p_start·p_end, the top k kept where both ends are wanted; aligned to words; answers with
 * the same text (ignoring case) merged by adding their scores.
 */
final class HfQuestionAnswering {
    private HfQuestionAnswering() {
    }

    static List<Answer> answers(Encoding e, double[] startLogits, double[] endLogits, String context, int topK,
                                int maxAnswerLen, int clsId) {
        int T = e.length();
        boolean[] wanted = new boolean[T];
        for (int t = 0; t < T; t++) {
            wanted[t] = e.sequenceIds()[t] == 1 || e.ids()[t] == clsId;
        }
        double[] ps = softmax(startLogits, wanted);
        double[] pe = softmax(endLogits, wanted);
        ps[0] = 0;
        pe[0] = 0;
        List<double[]> spans = new ArrayList<>();                       // {score, s, e}
        for (int s = 0; s < T; s++) {
            for (int end = s; end < Math.min(T, s + maxAnswerLen); end++) {
                spans.add(new double[] {ps[s] * pe[end], s, end});
            }
        }
        spans.sort(Comparator.comparingDouble((double[] x) -> -x[0]));
        List<Answer> out = new ArrayList<>();
        for (double[] span : spans.subList(0, Math.min(topK, spans.size()))) {
            int s = (int) span[1];
            int end = (int) span[2];
            if (!wanted[s] || !wanted[end]) {
                continue;
            }
            int from = wordChars(e, e.wordIds()[s])[0];
            int to = wordChars(e, e.wordIds()[end])[1];
            String text = context.substring(from, to);
            int same = indexOfText(out, text);
            if (same >= 0) {
                Answer a = out.get(same);
                out.set(same, new Answer(a.score() + span[0], a.start(), a.end(), a.answer()));
            } else {
                out.add(new Answer(span[0], from, to, text));
            }
        }
        out.sort(Comparator.comparingDouble((Answer a) -> -a.score()));
        return out.subList(0, Math.min(topK, out.size()));
    }

    /** word_to_chars(word, sequence_index=1): from the first to the last character of the context word. */
    private static int[] wordChars(Encoding e, int word) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (int t = 0; t < e.length(); t++) {
            if (e.sequenceIds()[t] == 1 && e.wordIds()[t] == word) {
                from = Math.min(from, e.start(t));
                to = Math.max(to, e.end(t));
            }
        }
        return new int[] {from, to};
    }

    private static int indexOfText(List<Answer> answers, String text) {
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).answer().equalsIgnoreCase(text)) {
                return i;
            }
        }
        return -1;
    }

    private static double[] softmax(double[] logits, boolean[] wanted) {
        double[] p = new double[logits.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < p.length; t++) {
            p[t] = wanted[t] ? logits[t] : -10000;
            max = Math.max(max, p[t]);
        }
        double sum = 0;
        for (int t = 0; t < p.length; t++) {
            p[t] = Math.exp(p[t] - max);
            sum += p[t];
        }
        for (int t = 0; t < p.length; t++) {
            p[t] /= sum;
        }
        return p;
    }
}
