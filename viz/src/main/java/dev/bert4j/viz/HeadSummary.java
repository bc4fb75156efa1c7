package dev.bert4j.viz;

/**
 * What one attention head does on one input, averaged over its query positions.
 *
 * @param layer     the encoder layer, from 0 (as in {@code encoder.layer.0})
 * @param head      the head within the layer, from 0
 * @param entropy   mean over query rows of {@code -sum_j p_j ln p_j}, in nats: 0 for a head that looks at one token,
 *                  {@code ln T} for one that spreads evenly over all T tokens
 * @param clsShare  mean attention on the {@code [CLS]} token(s)
 * @param sepShare  mean attention on the {@code [SEP]} token(s) (two in a pair)
 * @param selfShare mean attention of each token on itself (the diagonal)
 */
public record HeadSummary(int layer, int head, double entropy, double clsShare, double sepShare, double selfShare) {
}
