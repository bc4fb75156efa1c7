package dev.bert4j.train.data;

import java.util.Objects;

/**
 * One answer of a SQuAD question.
 *
 * @param text        the answer text, as it appears in the context
 * @param answerStart where it starts in the context, as a UTF-16 index ({@code context.substring(answerStart,
 *                    answerStart + text.length())} is the text); SQuAD files count code points, the reader converts
 */
public record SquadAnswer(String text, int answerStart) {

    public SquadAnswer {
        Objects.requireNonNull(text, "text");
        if (answerStart < 0) throw new IllegalArgumentException("answerStart must be >= 0, got " + answerStart);
    }

    /** The end of the answer in the context (exclusive UTF-16 index). */
    public int answerEnd() {
        return answerStart + text.length();
    }
}
