package dev.bert4j.pipeline.token;

/**
 * One result of the token-classification ("ner") pipeline. Hugging Face uses two shapes, and so do
 * we: a {@link TokenEntity} per token when {@code aggregation_strategy} is none (fields {@code
 * entity} and {@code index}), an {@link EntityGroup} per group of tokens otherwise (field {@code
 * entity_group}, no index). Both carry {@code score}, {@code word}, and {@code start}/{@code end}
 * character offsets into the original text ({@code text.substring(start, end)} is the covered text).
 */
public sealed interface Entity permits TokenEntity, EntityGroup {

    /** The predicted label: {@code entity} of a token, {@code entity_group} of a group. */
    String label();

    double score();

    String word();

    int start();

    int end();
}
