package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes text classification examples as Hugging Face's {@code run_glue.py} does: {@code tokenizer(text,
 * text_pair, truncation=True, max_length=maxLength)}, that is longest-first truncation and no padding (the
 * collator pads each batch).
 */
public final class TextClassificationFeatures {
    private TextClassificationFeatures() {}

    /**
     * Encodes examples of an unnamed file; multi-label when any example has a list of labels.
     *
     * @throws DatasetException when a label is not in {@code labels}
     */
    public static List<SequenceFeature> encode(Tokenizer tok, List<LabeledText> examples, LabelSet labels,
                                               int maxLength) {
        return encode(tok, examples, labels, maxLength, null, LabeledText.isMultiLabel(examples));
    }

    /**
     * Encodes examples read from {@code file} (named in error messages; may be null). With {@code multiLabel} each
     * feature gets a multi-hot vector (a single label counts as a list of one); without it, an example with a list
     * of labels is an error. Pass the training set's decision for the evaluation set too.
     *
     * @throws DatasetException when a label is not in {@code labels}, or a list of labels meets a single-label task
     */
    public static List<SequenceFeature> encode(Tokenizer tok, List<LabeledText> examples, LabelSet labels,
                                               int maxLength, String file, boolean multiLabel) {
        Objects.requireNonNull(labels, "labels");
        Tokenizer t = truncating(tok, maxLength);
        List<SequenceFeature> out = new ArrayList<>(examples.size());
        for (LabeledText e : examples) {
            Encoding enc = t.encode(e.text(), e.textPair());
            if (multiLabel) {
                out.add(new SequenceFeature(enc.ids(), enc.typeIds(), -1, multiHot(e, labels, file)));
            } else if (e.multiLabel()) {
                throw DatasetException.at(file, e.line(), "a list of labels in a single-label task; give one label,"
                        + " or train a multi-label task (the training file must then have list labels)");
            } else {
                out.add(new SequenceFeature(enc.ids(), enc.typeIds(), labels.id(e.label(), e.line(), file), null));
            }
        }
        return out;
    }

    private static float[] multiHot(LabeledText e, LabelSet labels, String file) {
        float[] hot = new float[labels.size()];
        for (String l : e.labels()) hot[labels.id(l, e.line(), file)] = 1f;
        return hot;
    }

    /** The tokenizer with longest-first truncation at {@code maxLength} and no padding. */
    static Tokenizer truncating(Tokenizer tok, int maxLength) {
        Objects.requireNonNull(tok, "tokenizer");
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        return tok.withTruncation(Truncation.longestFirst(maxLength)).withoutPadding();
    }
}
