/**
 * Task pipelines' post-processing with the semantics of Hugging Face {@code transformers.pipeline}.
 *
 * <p>Every class here is a pure function from model outputs (plain {@code float} logits) and token
 * metadata (ids, offsets, sequence and word ids, all produced by the tokenizer) to typed result
 * records. Nothing here runs a model or a tokenizer: the glue code tokenizes, runs the head, and
 * hands the arrays over. Option names, defaults and results follow the Hugging Face pipelines:
 *
 * <ul>
 *   <li>{@link dev.bert4j.pipeline.fillmask} - {@code FillMaskPipeline.postprocess} and
 *       {@code get_target_ids};
 *   <li>{@link dev.bert4j.pipeline.classification} - {@code TextClassificationPipeline.postprocess}
 *       and {@code _sanitize_parameters} ({@code top_k}, legacy {@code return_all_scores});
 *   <li>{@link dev.bert4j.pipeline.token} - {@code TokenClassificationPipeline}: {@code
 *       gather_pre_entities}, {@code aggregate}, {@code aggregate_words}, {@code group_entities} and
 *       {@code aggregate_overlapping_entities} for {@code stride} windows;
 *   <li>{@link dev.bert4j.pipeline.qa} - {@code QuestionAnsweringPipeline}: {@code
 *       select_starts_ends}, {@code decode_spans}, {@code postprocess}, {@code get_indices};
 *   <li>{@link dev.bert4j.pipeline.nsp} - the next-sentence head's label convention.
 * </ul>
 *
 * <p>Next to each post-processor sits its pipeline ({@code FillMaskPipeline}, {@code
 * TextClassificationPipeline}, {@code TokenClassificationPipeline}, {@code QuestionAnsweringPipeline},
 * {@code NextSentencePipeline}): the glue that loads a head and tokenizer from a model directory,
 * tokenizes, runs the head ({@link dev.bert4j.pipeline.Batching} pads and chunks) and hands the
 * arrays to the post-processor. Pipelines are immutable; the caller passes the compute context.
 *
 * <p>Where bert4j deliberately differs from Hugging Face (an error instead of a silent odd result),
 * the class documentation says so.
 */
package dev.bert4j.pipeline;
