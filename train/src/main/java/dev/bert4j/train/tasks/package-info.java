/**
 * The fine-tuning tasks as the {@link dev.bert4j.train.Trainer} sees them: each reads its files, batches
 * features with dynamic padding, runs its head's training step and evaluates with the task's metrics.
 */
package dev.bert4j.train.tasks;
