package dev.bert4j.pipeline.token;

/**
 * A non-special token with everything aggregation needs (HF's {@code pre_entity} dict).
 *
 * @param word      the token string, or the covered text for the unknown token
 * @param scores    the token's label probabilities
 * @param start     character start in the text
 * @param end       character end in the text
 * @param index     position in the window
 * @param isSubword whether the token continues the previous token's word
 */
record PreEntity(String word, double[] scores, int start, int end, int index, boolean isSubword) {
}
