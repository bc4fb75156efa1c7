package dev.bert4j.train.data;

import java.util.List;

/**
 * One token classification example: words with one tag each (as {@code O}, {@code B-PER}, {@code I-PER}).
 *
 * @param line   1-based line of the sentence in its file (of its first word in CoNLL files)
 * @param tokens the words
 * @param tags   one tag per word
 */
public record TaggedSentence(int line, List<String> tokens, List<String> tags) {

    public TaggedSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("line " + line + ": " + tokens.size() + " tokens but " + tags.size()
                    + " tags");
        }
    }
}
