package dev.bert4j.train.data;

import java.util.List;

/**
 * One multiple choice question.
 *
 * @param line    1-based line of the example in its file
 * @param context the text shared by all choices (a question or a story start), or null when absent
 * @param choices the candidate answers or endings, at least two
 * @param label   index of the right choice
 */
public record ChoiceExample(int line, String context, List<String> choices, int label) {

    public ChoiceExample {
        choices = List.copyOf(choices);
        if (choices.size() < 2) throw new IllegalArgumentException("line " + line + ": needs at least 2 choices");
        if (label < 0 || label >= choices.size()) {
            throw new IllegalArgumentException("line " + line + ": label " + label + " is not a choice index");
        }
    }
}
