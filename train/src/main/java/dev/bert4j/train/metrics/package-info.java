/**
 * Evaluation metrics with the semantics of the Python references people compare against: scikit-learn
 * for classification, {@code seqeval} for entity-level token classification, the official SQuAD
 * scripts for question answering. {@link dev.bert4j.train.metrics.BestModelMetric} picks which of them a
 * trainer keeps the best checkpoint by.
 */
package dev.bert4j.train.metrics;
