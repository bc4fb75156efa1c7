package dev.bert4j.train.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entity-level scores for token classification, as {@code seqeval} computes them in its default mode
 * (conlleval-compatible, not strict): chunks come from {@link #entities} over IOB1/IOB2/IOBES tags with the
 * prefix first ({@code B-PER}); an entity counts as found only when type, start and end all match.
 * Precision, recall and F1 are micro averages over all entity types; {@code accuracy} is token accuracy.
 *
 * @param precision correct entities / predicted entities (0 when none predicted)
 * @param recall    correct entities / gold entities (0 when none gold)
 * @param f1        harmonic mean of precision and recall
 * @param accuracy  fraction of tokens whose tag is right
 * @param perType   scores per entity type, types sorted by name
 */
public record SeqevalMetrics(double precision, double recall, double f1, double accuracy, List<LabelScores> perType) {
    public SeqevalMetrics {
        perType = List.copyOf(perType);
    }

    /**
     * Scores the predicted tag sequences against the gold ones.
     *
     * @throws IllegalArgumentException when the number of sentences, or the length of a sentence, differs,
     *                                  or there are no tokens at all
     */
    public static SeqevalMetrics compute(List<List<String>> gold, List<List<String>> predicted) {
        int tokens = 0;
        int correct = 0;
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        for (int s = 0; s < gold.size(); s++) {
            List<String> g = gold.get(s);
            List<String> p = predicted.get(s);
            if (g.size() != p.size()) {
                throw new IllegalArgumentException("sentence " + s + " has " + g.size() + " gold tags but "
                        + p.size() + " predicted");
            }
            for (int i = 0; i < g.size(); i++) {
                tokens++;
                correct += g.get(i).equals(p.get(i)) ? 1 : 0;
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no tokens to score");
        }
        return score(entities(gold), entities(predicted), (double) correct / tokens);
    }

    private static SeqevalMetrics score(List<Chunk> gold, List<Chunk> predicted, double accuracy) {
        Map<String, Set<Chunk>> goldByType = byType(gold);
        Map<String, Set<Chunk>> predByType = byType(predicted);
        Set<String> types = new TreeSet<>(goldByType.keySet());
        types.addAll(predByType.keySet());
        List<LabelScores> perType = new ArrayList<>();
        int tp = 0, nPred = 0, nGold = 0;
        for (String type : types) {
            Set<Chunk> g = goldByType.getOrDefault(type, Set.of());
            Set<Chunk> p = predByType.getOrDefault(type, Set.of());
            Set<Chunk> hit = new HashSet<>(g);
            hit.retainAll(p);
            perType.add(LabelScores.of(type, hit.size(), p.size(), g.size()));
            tp += hit.size();
            nPred += p.size();
            nGold += g.size();
        }
        double precision = LabelScores.ratio(tp, nPred);
        double recall = LabelScores.ratio(tp, nGold);
        return new SeqevalMetrics(precision, recall, LabelScores.f1(precision, recall), accuracy, perType);
    }

    private static Map<String, Set<Chunk>> byType(List<Chunk> chunks) {
        Map<String, Set<Chunk>> m = new HashMap<>();
        for (Chunk c : chunks) {
            m.computeIfAbsent(c.type(), k -> new HashSet<>()).add(c);
        }
        return m;
    }

    /**
     * seqeval's {@code get_entities} over several sentences: they are joined with an {@code O} after each,
     * so positions continue across sentences and no chunk spans two.
     */
    public static List<Chunk> entities(List<List<String>> sentences) {
        List<String> joined = new ArrayList<>();
        for (List<String> s : sentences) {
            joined.addAll(s);
            joined.add("O");
        }
        return entitiesOf(joined);
    }

    /**
     * seqeval's {@code get_entities} over one tag sequence. The tag's first character is its prefix
     * ({@code B}, {@code I}, {@code E}, {@code S}, {@code O}); the type is what follows the first {@code -}
     * ({@code _} when nothing does). An {@code I-X} after {@code O} or after another type starts a new chunk.
     *
     * @throws IllegalArgumentException for a tag seqeval rejects, naming it and its position
     */
    public static List<Chunk> entitiesOf(List<String> tags) {
        List<Chunk> chunks = new ArrayList<>();
        char prevTag = 'O';
        String prevType = "";
        int begin = 0;
        for (int i = 0; i <= tags.size(); i++) {
            String chunk = i < tags.size() ? tags.get(i) : "O";
            checkTag(chunk, i);
            char tag = chunk.charAt(0);
            String type = typeOf(chunk);
            if (endOfChunk(prevTag, tag, prevType, type)) {
                chunks.add(new Chunk(prevType, begin, i - 1));
            }
            if (startOfChunk(prevTag, tag, prevType, type)) {
                begin = i;
            }
            prevTag = tag;
            prevType = type;
        }
        return chunks;
    }

    /** As seqeval's {@code _validate_chunk}: {@code O}, {@code B}, {@code I}, {@code E}, {@code S} alone or with {@code -TYPE}. */
    private static void checkTag(String chunk, int position) {
        boolean bare = chunk.length() == 1 && "OBIES".indexOf(chunk.charAt(0)) >= 0;
        boolean typed = chunk.length() >= 2 && "BIES".indexOf(chunk.charAt(0)) >= 0 && chunk.charAt(1) == '-';
        if (!bare && !typed) {
            throw new IllegalArgumentException("'" + chunk + "' at position " + position
                    + " is not an IOB/IOBES tag (O, or B-, I-, E-, S- followed by a type)");
        }
    }

    /** {@code chunk[1:].split('-', maxsplit=1)[-1] or '_'}. */
    private static String typeOf(String chunk) {
        String rest = chunk.substring(1);
        int dash = rest.indexOf('-');
        String type = dash < 0 ? rest : rest.substring(dash + 1);
        return type.isEmpty() ? "_" : type;
    }

    private static boolean endOfChunk(char prevTag, char tag, String prevType, String type) {
        boolean end = prevTag == 'E' || prevTag == 'S';
        if ((prevTag == 'B' || prevTag == 'I') && (tag == 'B' || tag == 'S' || tag == 'O')) {
            end = true;
        }
        if (prevTag != 'O' && prevTag != '.' && !prevType.equals(type)) {
            end = true;
        }
        return end;
    }

    private static boolean startOfChunk(char prevTag, char tag, String prevType, String type) {
        boolean start = tag == 'B' || tag == 'S';
        if ((prevTag == 'E' || prevTag == 'S' || prevTag == 'O') && (tag == 'E' || tag == 'I')) {
            start = true;
        }
        if (tag != 'O' && tag != '.' && !prevType.equals(type)) {
            start = true;
        }
        return start;
    }

    /** The overall scores by the names the Hugging Face examples report: {@code precision}, {@code recall}, {@code f1}, {@code accuracy}. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("accuracy", accuracy);
        return m;
    }
}
