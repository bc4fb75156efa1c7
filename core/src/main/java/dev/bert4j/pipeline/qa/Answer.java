package dev.bert4j.pipeline.qa;

/**
 * One answer of the question-answering pipeline, HF's {@code {"score", "start", "end", "answer"}}.
 *
 * @param score  the span's probability, {@code p_start(s) * p_end(e)} within its window; summed over
 *               the spans (of any window) that read as the same text, case-insensitively. For the
 *               impossible answer, the smallest {@code p_start(CLS) * p_end(CLS)} over the windows
 * @param start  character offset of the answer in the context
 * @param end    character offset just past the answer; {@code context.substring(start, end)} is
 *               {@code answer}
 * @param answer the answer text; empty for the impossible answer (which has start = end = 0)
 */
public record Answer(double score, int start, int end, String answer) {
}
