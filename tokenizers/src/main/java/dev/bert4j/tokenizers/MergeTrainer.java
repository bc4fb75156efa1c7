package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The merge loop of Hugging Face's BPE trainer with a continuing-subword prefix (what its WordPiece trainer runs):
 * words become symbols (first character plain, the rest {@code prefix + c}), then the most frequent adjacent pair
 * is merged, again and again, until the vocabulary is full or the best pair is rarer than {@code min_frequency}.
 *
 * <p>Pair counts are kept incrementally: each pair has a weighted count and the words it was seen in; a priority
 * queue (count descending, then pair of ids ascending) holds candidates, re-queued lazily when their count changed.
 * Counts are updated exactly as Hugging Face does, including its quirks (the merged pair's own count is left as it
 * was, and only neighbouring pairs change), so that the merge order is the same for the same symbol ids.
 */
final class MergeTrainer {
    private static final Comparator<Candidate> ORDER =
            Comparator.comparingLong((Candidate c) -> -c.count).thenComparingLong(c -> c.pair);

    private final String prefix;
    private final List<String> idToToken = new ArrayList<>();
    private final Map<String, Integer> tokenToId = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(ORDER);
    private final Map<Long, Positions> pending = new LinkedHashMap<>();
    private int[][] symbols;
    private int[] lengths;
    private long[] counts;
    private PairCounts pairCounts;
    private int merges;

    /** Outcome of training: the vocabulary in id order and how it came about. */
    record Result(List<String> tokens, int alphabetSize, int merges) {}

    private MergeTrainer(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Trains on distinct words (sorted, so that symbol ids are deterministic) with their counts.
     *
     * @throws IllegalArgumentException when {@code vocabSize} cannot even hold the vocabulary before any merge
     */
    static Result train(String[] words, long[] counts, List<String> specialTokens, int[] alphabet, String prefix,
                        int vocabSize, long minFrequency) {
        MergeTrainer t = new MergeTrainer(prefix);
        for (String s : specialTokens) t.idOf(s);
        int specials = t.idToToken.size();
        for (int cp : alphabet) t.idOf(Character.toString(cp));
        int alphabetTokens = t.idToToken.size() - specials;
        t.symbolize(words, counts);
        int initial = t.idToToken.size();
        if (vocabSize < initial) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is too small for this corpus: the"
                    + " vocabulary holds " + initial + " tokens before any merge (" + specials + " special tokens, "
                    + alphabetTokens + " alphabet characters, " + (initial - specials - alphabetTokens)
                    + " continuing '" + prefix + "' forms); use a vocab size of at least " + initial
                    + " or a smaller alphabet limit");
        }
        t.countPairs();
        t.mergeUntil(vocabSize, minFrequency);
        return new Result(List.copyOf(t.idToToken), alphabet.length, t.merges);
    }

    private int idOf(String token) {
        Integer id = tokenToId.get(token);
        if (id != null) return id;
        tokenToId.put(token, idToToken.size());
        idToToken.add(token);
        return idToToken.size() - 1;
    }

    /** Words to symbol ids; characters outside the alphabet are skipped (a later one still counts as continuing). */
    private void symbolize(String[] words, long[] wordCounts) {
        symbols = new int[words.length][];
        lengths = new int[words.length];
        counts = wordCounts;
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            int[] s = new int[word.codePointCount(0, word.length())];
            int n = 0;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                String c = Character.toString(cp);
                if (tokenToId.containsKey(c)) s[n++] = idOf(i == 0 ? c : prefix + c);
                i += Character.charCount(cp);
            }
            symbols[w] = s;
            lengths[w] = n;
        }
    }

    private void countPairs() {
        int total = 0;
        for (int n : lengths) total += Math.max(0, n - 1);
        pairCounts = new PairCounts(Math.min(total, 1 << 24));
        for (int w = 0; w < symbols.length; w++) {
            int[] s = symbols[w];
            for (int i = 0; i + 1 < lengths[w]; i++) change(s[i], s[i + 1], counts[w], w);
        }
        enqueuePending();
    }

    private void mergeUntil(int vocabSize, long minFrequency) {
        while (idToToken.size() < vocabSize && !queue.isEmpty()) {
            Candidate top = queue.poll();
            long current = pairCounts.get(top.pair);
            if (top.count != current) {
                top.count = current;
                queue.add(top);
                continue;
            }
            if (top.count < 1 || minFrequency > top.count) break;
            int a = PairCounts.first(top.pair);
            int b = PairCounts.second(top.pair);
            String right = idToToken.get(b);
            if (right.startsWith(prefix)) right = right.substring(prefix.length());
            int merged = idOf(idToToken.get(a) + right);
            merges++;
            for (int i = 0; i < top.positions.size; i++) mergeWord(top.positions.words[i], a, b, merged);
            enqueuePending();
        }
    }

    /** Replaces every non-overlapping {@code (a, b)} of a word, left to right, and records the pair changes. */
    private void mergeWord(int w, int a, int b, int merged) {
        int[] s = symbols[w];
        int n = lengths[w];
        long c = counts[w];
        for (int i = 0; i < n; i++) {
            if (s[i] != a || i + 1 >= n || s[i + 1] != b) continue;
            if (i > 0) {
                change(s[i - 1], a, -c, w);
                change(s[i - 1], merged, c, w);
            }
            s[i] = merged;
            System.arraycopy(s, i + 2, s, i + 1, n - i - 2);
            n--;
            if (i < n - 1) {
                change(b, s[i + 1], -c, w);
                change(merged, s[i + 1], c, w);
            }
        }
        lengths[w] = n;
    }

    private void change(int a, int b, long delta, int word) {
        long key = PairCounts.key(a, b);
        pairCounts.add(key, delta);
        if (delta > 0) pending.computeIfAbsent(key, k -> new Positions()).add(word);
    }

    /** Queues a candidate for every pair that gained occurrences since the last call, as Hugging Face does. */
    private void enqueuePending() {
        for (Map.Entry<Long, Positions> e : pending.entrySet()) {
            long count = pairCounts.get(e.getKey());
            if (count > 0) queue.add(new Candidate(e.getKey(), count, e.getValue()));
        }
        pending.clear();
    }

    /** A pair waiting in the queue, with its count when queued and the words to merge it in. */
    private static final class Candidate {
        final long pair;
        long count;
        final Positions positions;

        Candidate(long pair, long count, Positions positions) {
            this.pair = pair;
            this.count = count;
            this.positions = positions;
        }
    }

    /** Word indexes, each once (a word's changes arrive together, so checking the last one suffices). */
    private static final class Positions {
        int[] words = new int[2];
        int size;

        void add(int w) {
            if (size > 0 && words[size - 1] == w) return;
            if (size == words.length) words = Arrays.copyOf(words, size * 2);
            words[size++] = w;
        }
    }
}
