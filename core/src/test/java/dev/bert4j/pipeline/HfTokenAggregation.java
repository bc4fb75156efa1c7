package dev.bert4j.pipeline;

import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.EntityGroup;
import dev.bert4j.pipeline.token.TokenClassificationWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * transformers' TokenClassificationPipeline.postprocess written out for tests, for the grouping strategies:
 * per window softmax, gather_pre_entities (subword = token length differs from the text it covers), aggregate
 * (words for first/average/max), group_entities on B-/I- tags, ignore_labels, then aggregate_overlapping_entities
 * across windows (sorted by start; the longer, else the higher-scoring, of two overlapping entities wins).
 */
final class HfTokenAggregation {
    private record Pre(String word, double[] scores, int start, int end, boolean subword) {
    }

    private record Tagged(String entity, double score, String word, int start, int end) {
    }

    private HfTokenAggregation() {
    }

    static List<EntityGroup> postprocess(String text, List<TokenClassificationWindow> windows,
                                         AggregationStrategy strategy, Map<Integer, String> id2label, IntFunction<String> idToToken, int unkId,
                                         List<String> ignore) {
        List<EntityGroup> all = new ArrayList<>();
        for (TokenClassificationWindow w : windows) {
            List<Pre> pre = new ArrayList<>();
            for (int i = 0; i < w.length(); i++) {
                if (w.specialTokensMask()[i]) {
                    continue;
                }
                String ref = text.substring(w.offsets()[i][0], w.offsets()[i][1]);
                boolean unk = w.inputIds()[i] == unkId;
                String word = unk ? ref : idToToken.apply(w.inputIds()[i]);
                pre.add(new Pre(word, softmax(w.logits()[i]), w.offsets()[i][0], w.offsets()[i][1],
                        !unk && word.length() != ref.length()));
            }
            for (EntityGroup g : group(tag(pre, strategy, id2label))) {
                if (!ignore.contains(g.entityGroup())) {
                    all.add(g);
                }
            }
        }
        return windows.size() > 1 ? overlapping(all) : all;
    }

    private static List<Tagged> tag(List<Pre> pre, AggregationStrategy strategy, Map<Integer, String> id2label) {
        List<List<Pre>> words = new ArrayList<>();
        for (Pre p : pre) {
            if (strategy == AggregationStrategy.SIMPLE || words.isEmpty() || !p.subword()) {
                words.add(new ArrayList<>(List.of(p)));
            } else {
                words.getLast().add(p);
            }
        }
        List<Tagged> out = new ArrayList<>();
        for (List<Pre> word : words) {
            double[] scores = switch (strategy) {
                case SIMPLE, FIRST -> word.getFirst().scores();
                case MAX -> word.stream().max(Comparator.comparingDouble(p -> max(p.scores()))).orElseThrow().scores();
                case AVERAGE -> average(word);
                default -> throw new IllegalArgumentException(strategy.name());
            };
            int best = argmax(scores);
            out.add(new Tagged(id2label.get(best), scores[best], join(word.stream().map(Pre::word).toList()),
                    word.getFirst().start(), word.getLast().end()));
        }
        return out;
    }

    private static List<EntityGroup> group(List<Tagged> tagged) {
        List<EntityGroup> groups = new ArrayList<>();
        List<Tagged> current = new ArrayList<>();
        for (Tagged t : tagged) {
            if (!current.isEmpty() && !(tagOf(t.entity()).equals(tagOf(current.getLast().entity()))
                    && !t.entity().startsWith("B-"))) {
                groups.add(groupOf(current));
                current = new ArrayList<>();
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            groups.add(groupOf(current));
        }
        return groups;
    }

    private static String tagOf(String entity) {
        return entity.startsWith("B-") || entity.startsWith("I-") ? entity.substring(2) : entity;
    }

    private static EntityGroup groupOf(List<Tagged> ts) {
        double score = ts.stream().mapToDouble(Tagged::score).average().orElseThrow();
        return new EntityGroup(tagOf(ts.getFirst().entity()), score, join(ts.stream().map(Tagged::word).toList()),
                ts.getFirst().start(), ts.getLast().end());
    }

    private static List<EntityGroup> overlapping(List<EntityGroup> entities) {
        if (entities.isEmpty()) {
            return entities;
        }
        List<EntityGroup> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparingInt(EntityGroup::start));                 // Python's sort is stable too
        List<EntityGroup> out = new ArrayList<>();
        EntityGroup previous = sorted.getFirst();
        for (EntityGroup e : sorted) {
            if (previous.start() <= e.start() && e.start() < previous.end()) {
                int len = e.end() - e.start();
                int prevLen = previous.end() - previous.start();
                if (len > prevLen || (len == prevLen && e.score() > previous.score())) {
                    previous = e;
                }
            } else {
                out.add(previous);
                previous = e;
            }
        }
        out.add(previous);
        return out;
    }

    /** BERT's convert_tokens_to_string: joined by spaces, " ##" removed. */
    private static String join(List<String> tokens) {
        return String.join(" ", tokens).replace(" ##", "").strip();
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] average(List<Pre> word) {
        double[] a = new double[word.getFirst().scores().length];
        for (Pre p : word) {
            for (int i = 0; i < a.length; i++) {
                a[i] += p.scores()[i] / word.size();
            }
        }
        return a;
    }

    private static double max(double[] a) {
        return a[argmax(a)];
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
