package dev.bert4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The task heads bert4j loads, each named by its Hugging Face class (the value {@code architectures} in
 * {@code config.json} holds).
 */
public enum HeadKind {
    PRE_TRAINING("BertForPreTraining", true),
    MASKED_LM("BertForMaskedLM", false),
    NEXT_SENTENCE_PREDICTION("BertForNextSentencePrediction", true),
    SEQUENCE_CLASSIFICATION("BertForSequenceClassification", true),
    TOKEN_CLASSIFICATION("BertForTokenClassification", false),
    QUESTION_ANSWERING("BertForQuestionAnswering", false),
    MULTIPLE_CHOICE("BertForMultipleChoice", true);

    private final String architecture;
    private final boolean needsPooler;

    HeadKind(String architecture, boolean needsPooler) {
        this.architecture = architecture;
        this.needsPooler = needsPooler;
    }

    /** The transformers class name, e.g. {@code BertForMaskedLM}. */
    public String architecture() {
        return architecture;
    }

    /**
     * Whether the head reads the pooler output. Heads that do not are built without a pooler, as HF's
     * {@code add_pooling_layer=False}, so pooler-less checkpoints load for them.
     */
    public boolean needsPooler() {
        return needsPooler;
    }

    /**
     * The head named by a class name ({@code BertForMaskedLM}) or this enum's name in any case, with
     * {@code -} or {@code _} ({@code masked-lm}).
     */
    public static HeadKind parse(String name) {
        String norm = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (HeadKind k : values()) {
            if (k.architecture.equalsIgnoreCase(name.strip()) || k.name().equals(norm)) {
                return k;
            }
        }
        throw new UnknownHeadException("unknown task head '" + name + "'; use one of " + names());
    }

    /**
     * The single head among {@code architectures} of {@code config.json}.
     *
     * @throws UnknownHeadException when none (e.g. {@code ["BertModel"]}) or several are task heads
     */
    public static HeadKind fromArchitectures(List<String> architectures) {
        List<HeadKind> found = new ArrayList<>();
        for (String a : architectures) {
            for (HeadKind k : values()) {
                if (k.architecture.equals(a) && !found.contains(k)) {
                    found.add(k);
                }
            }
        }
        if (found.size() != 1) {
            throw new UnknownHeadException("config.json architectures " + architectures + " name "
                    + (found.isEmpty() ? "no" : "several") + " BERT task heads; name the head explicitly (one of "
                    + names() + ") or set architectures to one of them");
        }
        return found.getFirst();
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (HeadKind k : values()) {
            out.add(k.architecture);
        }
        return out;
    }
}
