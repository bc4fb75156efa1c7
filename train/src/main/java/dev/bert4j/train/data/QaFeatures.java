package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes SQuAD questions as Hugging Face's {@code prepare_train_features} ({@code run_qa.py}): the question
 * (left-stripped) first, the context second, {@code only_second} truncation to {@code maxLength} with overflow
 * windows sharing {@code docStride} tokens, no padding. Each window becomes a feature whose answer span is the first
 * answer's tokens when the answer lies wholly inside the window's context, else the {@code [CLS]} index.
 *
 * <p>One deliberate difference: Hugging Face's start search walks past the last context token into {@code [SEP]}
 * and padding (their offsets are (0, 0)), so an answer inside the last context token of a window gets a start
 * after its end. Here both searches stay within the context tokens; every other case gives the same positions.
 */
public final class QaFeatures {
    private QaFeatures() {}

    /**
     * Encodes every question into one feature per window.
     *
     * @throws DatasetException when a question leaves no room for its context in {@code maxLength} tokens, or
     *                          none for the window to move by after {@code docStride} shared tokens
     */
    public static List<QaFeature> encode(Tokenizer tok, List<SquadExample> examples, int maxLength, int docStride) {
        Objects.requireNonNull(tok, "tokenizer");
        Tokenizer t = tok.withTruncation(new Truncation(Truncation.Strategy.ONLY_SECOND, maxLength, docStride,
                Truncation.Direction.RIGHT)).withoutPadding();
        int clsId = tok.specialTokens().clsId();
        List<QaFeature> out = new ArrayList<>();
        for (SquadExample e : examples) {
            Encoding first;
            try {
                first = t.encode(e.question().stripLeading(), e.context());
            } catch (IllegalArgumentException x) {
                throw new DatasetException("question " + e.id() + " does not fit max_length " + maxLength
                        + " with doc_stride " + docStride + ": " + x.getMessage(), x);
            }
            List<Encoding> windows = new ArrayList<>(1 + first.overflowing().size());
            windows.add(first);
            windows.addAll(first.overflowing());
            for (Encoding w : windows) out.add(feature(w, e, clsId));
        }
        return out;
    }

    private static QaFeature feature(Encoding w, SquadExample e, int clsId) {
        int cls = Math.max(0, indexOf(w.ids(), clsId));
        if (e.impossible()) return new QaFeature(w.ids(), w.typeIds(), cls, cls, e.id());
        SquadAnswer answer = e.answers().getFirst();
        int startChar = answer.answerStart();
        int endChar = answer.answerEnd();
        int[] seq = w.sequenceIds();
        int first = indexOf(seq, 1);
        int last = seq.length - 1;
        while (last >= 0 && seq[last] != 1) last--;
        if (first < 0 || w.start(first) > startChar || w.end(last) < endChar) {
            return new QaFeature(w.ids(), w.typeIds(), cls, cls, e.id());
        }
        int s = first;
        while (s <= last && w.start(s) <= startChar) s++;
        int t = last;
        while (t >= first && w.end(t) >= endChar) t--;
        return new QaFeature(w.ids(), w.typeIds(), s - 1, t + 1, e.id());
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) return i;
        }
        return -1;
    }
}
