package dev.bert4j.train.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Question-answering scores as the official SQuAD v2.0 evaluation script (and Hugging Face's {@code squad}
 * and {@code squad_v2} metrics) computes them: answers are normalized ({@link #normalizeAnswer}), exact
 * match and token F1 take the best over the gold answers, and both are reported in percent.
 *
 * <p>A question whose gold answers all normalize to nothing is unanswerable: a prediction that normalizes
 * to nothing ({@code ""}, or e.g. {@code "the"}) scores 1 on both, anything else 0. For answerable
 * questions this equals the v1.1 script.
 *
 * @param exactMatch   percentage of questions answered exactly (after normalization), 0..100
 * @param f1           mean best token F1, in percent, 0..100
 * @param total        number of questions
 * @param hasAnsExact  exact match over the questions with gold answers, in percent (0 when there are none)
 * @param hasAnsF1     F1 over answerable questions, in percent
 * @param hasAnsTotal  number of questions with gold answers (the v2 script's {@code HasAns})
 * @param noAnsExact   exact match over the questions without gold answers, in percent (equals their F1)
 * @param noAnsTotal   number of questions without gold answers (the v2 script's {@code NoAns})
 */
public record SquadMetrics(double exactMatch, double f1, int total, double hasAnsExact, double hasAnsF1,
                           int hasAnsTotal, double noAnsExact, int noAnsTotal) {
    /** Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Scores each prediction against its gold answers (an empty list, or only answers that normalize to
     * nothing, for an unanswerable question).
     *
     * @throws IllegalArgumentException when the lists differ in length or are empty
     */
    public static SquadMetrics compute(List<String> predictions, List<List<String>> goldAnswers) {
        if (predictions.size() != goldAnswers.size()) {
            throw new IllegalArgumentException(predictions.size() + " predictions but " + goldAnswers.size()
                    + " questions with gold answers");
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no questions to score");
        }
        double em = 0;
        double f1 = 0;
        double hasEm = 0;
        double hasF1 = 0;
        double noEm = 0;
        int has = 0;
        for (int i = 0; i < predictions.size(); i++) {
            List<String> golds = answerable(goldAnswers.get(i));
            double e = 0, f = 0;
            for (String gold : golds) {
                e = Math.max(e, exactMatch(predictions.get(i), gold));
                f = Math.max(f, f1(predictions.get(i), gold));
            }
            em += e;
            f1 += f;
            if (goldAnswers.get(i).isEmpty()) {
                noEm += e;
            } else {
                has++;
                hasEm += e;
                hasF1 += f;
            }
        }
        int n = predictions.size();
        int no = n - has;
        return new SquadMetrics(100 * em / n, 100 * f1 / n, n, percent(hasEm, has), percent(hasF1, has), has,
                percent(noEm, no), no);
    }

    /** The gold answers that normalize to something, or {@code [""]} when none does (unanswerable). */
    private static List<String> answerable(List<String> golds) {
        List<String> kept = new ArrayList<>();
        for (String g : golds) {
            if (!normalizeAnswer(g).isEmpty()) {
                kept.add(g);
            }
        }
        return kept.isEmpty() ? List.of("") : kept;
    }

    private static double percent(double sum, int count) {
        return count == 0 ? 0.0 : 100 * sum / count;
    }

    /**
     * The official {@code normalize_answer}: lower case, remove ASCII punctuation, remove the articles
     * {@code a}, {@code an}, {@code the} as whole words, collapse white space.
     */
    public static String normalizeAnswer(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                noPunct.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", tokens(noArticles));
    }

    /** 1 when the normalized answers are equal, else 0. */
    public static double exactMatch(String prediction, String gold) {
        return normalizeAnswer(prediction).equals(normalizeAnswer(gold)) ? 1.0 : 0.0;
    }

    /**
     * Token F1 of the normalized answers (bag of words); when either is empty, 1 if both are, else 0.
     */
    public static double f1(String prediction, String gold) {
        List<String> pred = tokens(normalizeAnswer(prediction));
        List<String> ref = tokens(normalizeAnswer(gold));
        if (pred.isEmpty() || ref.isEmpty()) {
            return pred.equals(ref) ? 1.0 : 0.0;
        }
        Map<String, Integer> goldCounts = new HashMap<>();
        for (String t : ref) {
            goldCounts.merge(t, 1, Integer::sum);
        }
        int same = 0;
        for (String t : pred) {
            Integer left = goldCounts.get(t);
            if (left != null && left > 0) {
                goldCounts.put(t, left - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0.0;
        }
        double precision = (double) same / pred.size();
        double recall = (double) same / ref.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** Python's {@code str.split()}: white-space separated, no empty tokens. */
    private static List<String> tokens(CharSequence s) {
        String trimmed = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split(" "));
    }

    /** {@code exact_match} and {@code f1} in percent, as Hugging Face's {@code squad} metric reports them. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exact_match", exactMatch);
        m.put("f1", f1);
        return m;
    }
}
