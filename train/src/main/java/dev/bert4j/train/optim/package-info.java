/**
 * Optimization that knows nothing about BERT: {@link dev.bert4j.train.optim.AdamW} (PyTorch semantics,
 * checkpointable {@link dev.bert4j.train.optim.OptimizerState}), the Hugging Face learning-rate schedules
 * ({@link dev.bert4j.train.optim.LrSchedule}) and global-norm {@link dev.bert4j.train.optim.GradientClipping},
 * all over a list of {@link dev.bert4j.train.optim.NamedParameter}s.
 */
package dev.bert4j.train.optim;
