package dev.bert4j.pipeline.nsp;

import dev.bert4j.pipeline.Probabilities;

/**
 * Reads the two logits of {@code BertForNextSentencePrediction} ({@code cls.seq_relationship}).
 * Transformers has no pipeline for this head; the label convention is the one of {@code
 * next_sentence_label} in {@code modeling_bert.py}: index 0 means sequence B is a continuation of
 * sequence A, index 1 that B is a random sequence. Pure function.
 */
public final class NextSentencePostprocessor {

    /** Logit index of "B is a continuation of A". */
    public static final int IS_NEXT = 0;
    /** Logit index of "B is a random sentence". */
    public static final int NOT_NEXT = 1;

    private NextSentencePostprocessor() {
    }

    public static NextSentence postprocess(float[] logits) {
        if (logits.length != 2) {
            throw new IllegalArgumentException("the next-sentence head gives 2 logits, got " + logits.length);
        }
        double[] p = Probabilities.softmax(logits);
        return new NextSentence(p[IS_NEXT] >= p[NOT_NEXT], p[IS_NEXT], p[NOT_NEXT]);
    }
}
