package dev.bert4j.pipeline.token;

/**
 * Adjacent tokens or words grouped into one entity (every {@code aggregation_strategy} but none).
 *
 * @param entityGroup the label without its {@code B-}/{@code I-} prefix (HF's {@code entity_group})
 * @param score       the mean of the grouped tokens' (or words') scores
 * @param word        the grouped tokens joined by the tokenizer's {@code convert_tokens_to_string}
 * @param start       character offset of the first token
 * @param end         character offset just past the last token
 */
public record EntityGroup(String entityGroup, double score, String word, int start, int end)
        implements Entity {

    @Override
    public String label() {
        return entityGroup;
    }
}
