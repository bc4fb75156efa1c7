/**
 * What a training run leaves for people to look at: {@link dev.bert4j.train.report.TrainingCurves}
 * (loss, learning rate and evaluation metrics per step) as a CSV file and PNG charts.
 */
package dev.bert4j.train.report;
