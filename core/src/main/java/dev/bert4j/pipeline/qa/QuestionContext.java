package dev.bert4j.pipeline.qa;

/** One question-answering input: HF's {@code {"question": ..., "context": ...}}. */
public record QuestionContext(String question, String context) {
}
