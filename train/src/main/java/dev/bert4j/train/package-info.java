/**
 * Learning: the optimizer (AdamW), learning-rate schedules, gradient clipping, data readers for each
 * task, metrics, the {@code Trainer} and its checkpoints. The optimizer, schedules and clipping know
 * nothing about BERT: they see named {@link dev.bert4j.nn.Parameter}s.
 */
package dev.bert4j.train;
