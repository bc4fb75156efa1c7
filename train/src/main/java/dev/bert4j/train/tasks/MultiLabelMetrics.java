package dev.bert4j.train.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

/** Multi-label metrics: subset accuracy (every label right) and micro-averaged precision, recall and F1. */
final class MultiLabelMetrics {
    private MultiLabelMetrics() {
    }

    static Map<String, Double> compute(boolean[][] gold, boolean[][] pred) {
        int exact = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean same = true;
            for (int j = 0; j < gold[i].length; j++) {
                same &= gold[i][j] == pred[i][j];
                tp += gold[i][j] && pred[i][j] ? 1 : 0;
                fp += !gold[i][j] && pred[i][j] ? 1 : 0;
                fn += gold[i][j] && !pred[i][j] ? 1 : 0;
            }
            exact += same ? 1 : 0;
        }
        double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("subset_accuracy", gold.length == 0 ? 0 : (double) exact / gold.length);
        m.put("micro_precision", p);
        m.put("micro_recall", r);
        m.put("micro_f1", p + r == 0 ? 0 : 2 * p * r / (p + r));
        return m;
    }
}
