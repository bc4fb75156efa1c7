package dev.bert4j.pipeline.token;

/**
 * A single token's prediction ({@code aggregation_strategy="none"}).
 *
 * @param entity the label from {@code id2label}, prefix included ({@code "B-PER"})
 * @param score  the softmax probability of that label
 * @param index  the token's position in the encoded input (special tokens counted)
 * @param word   the token as the vocabulary spells it ({@code "##gang"}); for the unknown token, the
 *               original text it covers
 * @param start  character offset of the token in the text
 * @param end    character offset just past the token
 */
public record TokenEntity(String entity, double score, int index, String word, int start, int end)
        implements Entity {

    @Override
    public String label() {
        return entity;
    }
}
