/**
 * Readers and feature builders for fine-tuning data, with Hugging Face's semantics: text classification
 * (JSON Lines, CSV, TSV), token classification (JSON Lines, CoNLL; labels on first sub-tokens), SQuAD
 * v1.1/v2.0 (windows as {@code prepare_train_features}) and multiple choice. Files are untrusted: a bad line
 * is a {@link dev.bert4j.train.data.DatasetException} naming the file and line.
 */
package dev.bert4j.train.data;
