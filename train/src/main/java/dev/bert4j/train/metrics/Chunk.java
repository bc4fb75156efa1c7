package dev.bert4j.train.metrics;

/**
 * One entity found in a tag sequence: its type and the inclusive token range it covers. Positions count
 * over all sentences joined (with one {@code O} between them), as seqeval's {@code get_entities} does.
 *
 * @param type  the entity type ({@code PER}), or {@code _} for a tag without one
 * @param start first token
 * @param end   last token (inclusive)
 */
public record Chunk(String type, int start, int end) {
}
