/**
 * Pre-training data and task: the corpus as token ids, Google's instance maker (segment pairs, random next
 * sentences from other documents), dynamic masking (15%, 80/10/10, optional whole words) and the metrics a
 * reader needs to judge a pre-training run (held-out MLM loss, accuracy, perplexity, NSP accuracy and the
 * unigram baseline).
 */
package dev.bert4j.train.pretrain;
