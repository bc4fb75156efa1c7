package dev.bert4j.train.pretrain;

/**
 * One pre-training sequence before masking: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}.
 *
 * @param ids          token ids with the special tokens
 * @param typeIds      0 for [CLS], A and the first [SEP]; 1 for B and the last [SEP]
 * @param randomNext   whether B was taken from another document (next-sentence label 1)
 */
public record PretrainingInstance(int[] ids, int[] typeIds, boolean randomNext) {
}
