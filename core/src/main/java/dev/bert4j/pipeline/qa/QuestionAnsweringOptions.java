package dev.bert4j.pipeline.qa;

import dev.bert4j.pipeline.PipelineInputException;

/**
 * The question-answering pipeline's options, with HF's names, defaults and checks.
 *
 * <p>{@code docStride}, {@code maxSeqLen} and {@code maxQuestionLen} shape the windows the tokenizer
 * makes (truncation {@code only_second}, {@code max_length=maxSeqLen}, {@code stride=docStride},
 * overflowing windows); the others steer {@link QuestionAnsweringPostprocessor}. Note that HF's fast
 * tokenizer path does not use {@code max_question_len}: it is kept for the option's sake.
 *
 * @param topK                   answers to return (1)
 * @param docStride              tokens of overlap between context windows (min(maxSeqLen / 2, 128))
 * @param maxAnswerLen           longest answer, in tokens (15)
 * @param maxSeqLen              longest window, in tokens (min(model max length, 384))
 * @param maxQuestionLen         longest question, in tokens (64)
 * @param handleImpossibleAnswer whether the empty answer competes, scored from {@code [CLS]} (false)
 * @param alignToWords           whether answers are widened to whole words (true)
 */
public record QuestionAnsweringOptions(int topK, int docStride, int maxAnswerLen, int maxSeqLen,
        int maxQuestionLen, boolean handleImpossibleAnswer, boolean alignToWords) {

    public QuestionAnsweringOptions {
        if (topK < 1) {
            throw new PipelineInputException("top_k parameter should be >= 1 (got " + topK + ")");
        }
        if (maxAnswerLen < 1) {
            throw new PipelineInputException("max_answer_len parameter should be >= 1 (got " + maxAnswerLen + ")");
        }
        if (maxSeqLen < 1 || maxQuestionLen < 1) {
            throw new PipelineInputException("max_seq_len and max_question_len must be >= 1 (got "
                    + maxSeqLen + " and " + maxQuestionLen + ")");
        }
        if (docStride < 0 || docStride > maxSeqLen) {
            throw new PipelineInputException("`doc_stride` (" + docStride + ") must be >= 0 and not larger "
                    + "than `max_seq_len` (" + maxSeqLen + ")");
        }
    }

    /** HF's defaults for a model that accepts {@code modelMaxLength} tokens. */
    public static QuestionAnsweringOptions defaults(int modelMaxLength) {
        int maxSeqLen = defaultMaxSeqLen(modelMaxLength);
        return new QuestionAnsweringOptions(1, defaultDocStride(maxSeqLen), 15, maxSeqLen, 64, false, true);
    }

    /** HF's {@code max_seq_len} when not given: {@code min(model_max_length, 384)}. */
    public static int defaultMaxSeqLen(int modelMaxLength) {
        return Math.min(modelMaxLength, 384);
    }

    /** HF's {@code doc_stride} when not given: {@code min(max_seq_len // 2, 128)}. */
    public static int defaultDocStride(int maxSeqLen) {
        return Math.min(maxSeqLen / 2, 128);
    }

    public QuestionAnsweringOptions withTopK(int k) {
        return new QuestionAnsweringOptions(k, docStride, maxAnswerLen, maxSeqLen, maxQuestionLen,
                handleImpossibleAnswer, alignToWords);
    }

    public QuestionAnsweringOptions withMaxAnswerLen(int length) {
        return new QuestionAnsweringOptions(topK, docStride, length, maxSeqLen, maxQuestionLen,
                handleImpossibleAnswer, alignToWords);
    }

    public QuestionAnsweringOptions withHandleImpossibleAnswer(boolean handle) {
        return new QuestionAnsweringOptions(topK, docStride, maxAnswerLen, maxSeqLen, maxQuestionLen, handle,
                alignToWords);
    }

    public QuestionAnsweringOptions withAlignToWords(boolean align) {
        return new QuestionAnsweringOptions(topK, docStride, maxAnswerLen, maxSeqLen, maxQuestionLen,
                handleImpossibleAnswer, align);
    }

    /** Sets the window layout; HF derives {@link #defaultDocStride(int)} from a new maxSeqLen. */
    public QuestionAnsweringOptions withWindows(int maxSeqLen, int docStride, int maxQuestionLen) {
        return new QuestionAnsweringOptions(topK, docStride, maxAnswerLen, maxSeqLen, maxQuestionLen,
                handleImpossibleAnswer, alignToWords);
    }
}
