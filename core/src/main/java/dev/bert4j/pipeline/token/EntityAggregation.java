package dev.bert4j.pipeline.token;

import dev.bert4j.pipeline.Id2Label;
import dev.bert4j.pipeline.Probabilities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * HF's {@code aggregate}, {@code aggregate_words}, {@code group_entities} and {@code
 * aggregate_overlapping_entities}, for one tokenizer and label set. Pure functions of their inputs.
 */
final class EntityAggregation {

    private final Id2Label id2label;
    private final TokenStrings tokenStrings;

    EntityAggregation(Id2Label id2label, TokenStrings tokenStrings) {
        this.id2label = id2label;
        this.tokenStrings = tokenStrings;
    }

    /** Each token labeled with its own argmax (strategies none and simple). */
    List<LabeledToken> labelTokens(List<PreEntity> preEntities) {
        List<LabeledToken> tokens = new ArrayList<>(preEntities.size());
        for (PreEntity pre : preEntities) {
            int best = Probabilities.argmax(pre.scores());
            tokens.add(new LabeledToken(id2label.label(best), pre.scores()[best], pre.index(), pre.word(),
                    pre.start(), pre.end()));
        }
        return tokens;
    }

    /** Tokens merged into words (a word starts at every token that is not a sub-word), then labeled. */
    List<LabeledToken> labelWords(List<PreEntity> preEntities, AggregationStrategy strategy) {
        List<LabeledToken> words = new ArrayList<>();
        List<PreEntity> word = new ArrayList<>();
        for (PreEntity pre : preEntities) {
            if (!word.isEmpty() && !pre.isSubword()) {
                words.add(labelWord(word, strategy));
                word = new ArrayList<>();
            }
            word.add(pre);
        }
        if (!word.isEmpty()) {
            words.add(labelWord(word, strategy));
        }
        return words;
    }

    private LabeledToken labelWord(List<PreEntity> tokens, AggregationStrategy strategy) {
        double[] scores = switch (strategy) {
            case FIRST -> tokens.getFirst().scores();
            case MAX -> mostConfident(tokens).scores();
            case AVERAGE -> average(tokens);
            case NONE, SIMPLE -> throw new IllegalArgumentException(strategy + " does not aggregate words");
        };
        int best = Probabilities.argmax(scores);
        String word = tokenStrings.tokensToString(tokens.stream().map(PreEntity::word).toList());
        return new LabeledToken(id2label.label(best), scores[best], -1, word, tokens.getFirst().start(),
                tokens.getLast().end());
    }

    /** The token whose highest probability is the largest; the first one on ties (Python's max). */
    private static PreEntity mostConfident(List<PreEntity> tokens) {
        PreEntity best = tokens.getFirst();
        for (PreEntity token : tokens) {
            if (max(token.scores()) > max(best.scores())) {
                best = token;
            }
        }
        return best;
    }

    private static double max(double[] values) {
        return values[Probabilities.argmax(values)];
    }

    private static double[] average(List<PreEntity> tokens) {
        double[] mean = new double[tokens.getFirst().scores().length];
        for (PreEntity token : tokens) {
            for (int label = 0; label < mean.length; label++) {
                mean[label] += token.scores()[label];
            }
        }
        for (int label = 0; label < mean.length; label++) {
            mean[label] /= tokens.size();
        }
        return mean;
    }

    /**
     * HF's {@code group_entities}: a token or word joins the current group when its tag equals the
     * group's last tag and it is not a {@code B-}; otherwise it starts a new group.
     */
    List<EntityGroup> group(List<LabeledToken> labeled) {
        List<EntityGroup> groups = new ArrayList<>();
        List<LabeledToken> current = new ArrayList<>();
        for (LabeledToken token : labeled) {
            if (!current.isEmpty()) {
                boolean begins = token.entity().startsWith("B-");
                boolean sameTag = tag(token.entity()).equals(tag(current.getLast().entity()));
                if (begins || !sameTag) {
                    groups.add(groupOf(current));
                    current = new ArrayList<>();
                }
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            groups.add(groupOf(current));
        }
        return groups;
    }

    /** HF's {@code get_tag}: the label without a {@code B-} or {@code I-} prefix. */
    static String tag(String label) {
        return label.startsWith("B-") || label.startsWith("I-") ? label.substring(2) : label;
    }

    /** HF's {@code group_sub_entities}. */
    private EntityGroup groupOf(List<LabeledToken> tokens) {
        String first = tokens.getFirst().entity();
        int dash = first.indexOf('-');
        String entityGroup = dash < 0 ? first : first.substring(dash + 1); // split("-", 1)[-1]
        double score = tokens.stream().mapToDouble(LabeledToken::score).average().orElseThrow();
        String word = tokenStrings.tokensToString(tokens.stream().map(LabeledToken::word).toList());
        return new EntityGroup(entityGroup, score, word, tokens.getFirst().start(), tokens.getLast().end());
    }

    /**
     * HF's {@code aggregate_overlapping_entities} for stride windows: entities sorted by start (stably);
     * of entities whose start falls inside the kept one, the longer wins, or on equal length the one
     * with the strictly higher score.
     */
    static List<Entity> mergeOverlapping(List<Entity> entities) {
        if (entities.isEmpty()) {
            return entities;
        }
        List<Entity> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparingInt(Entity::start));
        List<Entity> merged = new ArrayList<>();
        Entity previous = sorted.getFirst();
        for (Entity entity : sorted) {
            if (previous.start() <= entity.start() && entity.start() < previous.end()) {
                int length = entity.end() - entity.start();
                int previousLength = previous.end() - previous.start();
                if (length > previousLength || length == previousLength && entity.score() > previous.score()) {
                    previous = entity;
                }
            } else {
                merged.add(previous);
                previous = entity;
            }
        }
        merged.add(previous);
        return merged;
    }
}
