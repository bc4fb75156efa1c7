package dev.bert4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * One SQuAD question with its paragraph.
 *
 * @param id         the question id (unique in the file)
 * @param title      the article title ("" when the file has none)
 * @param question   the question
 * @param context    the paragraph the answer comes from
 * @param answers    the answers (several in evaluation files; empty when the question is impossible)
 * @param impossible true for a SQuAD v2.0 question without an answer in the context
 */
public record SquadExample(String id, String title, String question, String context, List<SquadAnswer> answers,
                           boolean impossible) {

    public SquadExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(context, "context");
        answers = List.copyOf(answers);
        if (impossible != answers.isEmpty()) {
            throw new IllegalArgumentException("question " + id + ": an impossible question has no answers,"
                    + " a possible one at least one");
        }
    }
}
