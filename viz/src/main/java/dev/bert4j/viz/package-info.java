/**
 * Pictures of what a BERT model does, from the same forward pass as the pipelines: attention pages and
 * heatmaps per layer and head ({@link dev.bert4j.viz.AttentionReport}, {@link dev.bert4j.viz.AttentionPage},
 * {@link dev.bert4j.viz.AttentionFiles}), attention summaries (entropy, shares on special tokens, rollout), and
 * the learned position embeddings beside the sinusoidal encoding ({@link dev.bert4j.viz.PositionalReport},
 * {@link dev.bert4j.viz.PositionalFiles}).
 */
package dev.bert4j.viz;
