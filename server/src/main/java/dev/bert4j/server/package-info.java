/**
 * bert4j's HTTP inference server ({@code bert4j serve}): text-embeddings-inference and OpenAI compatible
 * embedding routes, and the rest of BERT's tasks, for one model, on Jetty, with requests batched into packed
 * model calls and bounded by {@code --max-concurrent-requests}.
 */
package dev.bert4j.server;
