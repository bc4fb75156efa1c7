package dev.bert4j.train.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Packs a corpus into pre-training sequences as Google's {@code create_pretraining_data.py} does: per
 * document, a target length of {@code max_length - 3} tokens (with probability {@code short_seq_prob} a
 * random shorter one, to close the gap between pre-training and fine-tuning), sentences gathered into a
 * chunk until it reaches the target, the chunk cut at a random sentence into A and B, and B replaced half
 * of the time by sentences from a random other document (the unused sentences are then put back); the
 * pair is truncated longest-first, one token at a time from a random end. For masked-LM only, chunks are
 * single segments of up to {@code max_length - 2} tokens.
 */
public final class InstanceMaker {
    private final TokenizedCorpus corpus;
    private final int maxLength;
    private final double shortSeqProb;
    private final boolean nextSentence;
    private final int cls;
    private final int sep;

    public InstanceMaker(TokenizedCorpus corpus, int maxLength, double shortSeqProb, boolean nextSentence, int cls,
                         int sep) {
        if (nextSentence && corpus.documents() < 2) {
            throw new IllegalArgumentException("next-sentence prediction needs at least two documents (blank lines "
                    + "between documents in plain text, one per line in JSON Lines); the corpus has one");
        }
        this.corpus = corpus;
        this.maxLength = maxLength;
        this.shortSeqProb = shortSeqProb;
        this.nextSentence = nextSentence;
        this.cls = cls;
        this.sep = sep;
    }

    /** Every document's instances, in corpus order, drawn from {@code rng}. */
    public List<PretrainingInstance> make(SplittableRandom rng) {
        List<PretrainingInstance> out = new ArrayList<>();
        for (int d = 0; d < corpus.documents(); d++) {
            fromDocument(d, rng, out);
        }
        return out;
    }

    private void fromDocument(int d, SplittableRandom rng, List<PretrainingInstance> out) {
        int maxTokens = maxLength - (nextSentence ? 3 : 2);
        int target = rng.nextDouble() < shortSeqProb ? 2 + rng.nextInt(Math.max(1, maxTokens - 1)) : maxTokens;
        List<int[]> chunk = new ArrayList<>();
        int length = 0;
        int n = corpus.sentences(d);
        for (int i = 0; i < n; i++) {
            int[] segment = corpus.sentence(d, i);
            chunk.add(segment);
            length += segment.length;
            if (i == n - 1 || length >= target) {
                i -= emit(d, chunk, target, maxTokens, rng, out);
                chunk.clear();
                length = 0;
            }
        }
    }

    /** Emits one instance from the chunk; returns how many of its sentences were not used (to be read again). */
    private int emit(int d, List<int[]> chunk, int target, int maxTokens, SplittableRandom rng,
                     List<PretrainingInstance> out) {
        if (!nextSentence) {
            out.add(single(concat(chunk, 0, chunk.size()), maxTokens));
            return 0;
        }
        int aEnd = chunk.size() >= 2 ? 1 + rng.nextInt(chunk.size() - 1) : 1;
        IntList a = concat(chunk, 0, aEnd);
        IntList b;
        boolean random = chunk.size() == 1 || rng.nextDouble() < 0.5;
        int unused = 0;
        if (random) {
            b = randomNext(d, target - a.size(), rng);
            unused = chunk.size() - aEnd;
        } else {
            b = concat(chunk, aEnd, chunk.size());
        }
        truncatePair(a, b, maxTokens, rng);
        out.add(pair(a, b, random));
        return unused;
    }

    /** Sentences from a random start of a random other document until {@code targetLength} tokens. */
    private IntList randomNext(int d, int targetLength, SplittableRandom rng) {
        int other = rng.nextInt(corpus.documents() - 1);
        other = other >= d ? other + 1 : other;                      // never the same document
        IntList b = new IntList();
        for (int j = rng.nextInt(corpus.sentences(other)); j < corpus.sentences(other); j++) {
            b.addAll(corpus.sentence(other, j));
            if (b.size() >= targetLength) {
                break;
            }
        }
        return b;
    }

    /** Google's truncate_seq_pair: drop from the longer of the two, at a random end, until they fit. */
    static void truncatePair(IntList a, IntList b, int maxTokens, SplittableRandom rng) {
        while (a.size() + b.size() > maxTokens) {
            IntList longer = a.size() > b.size() ? a : b;
            if (rng.nextDouble() < 0.5) {
                longer.removeFirst();
            } else {
                longer.removeLast();
            }
        }
    }

    private PretrainingInstance single(IntList a, int maxTokens) {
        int n = Math.min(a.size(), maxTokens);
        int[] ids = new int[n + 2];
        ids[0] = cls;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = a.get(i);
        }
        ids[n + 1] = sep;
        return new PretrainingInstance(ids, new int[n + 2], false);
    }

    private PretrainingInstance pair(IntList a, IntList b, boolean random) {
        int[] ids = new int[a.size() + b.size() + 3];
        int[] types = new int[ids.length];
        int k = 0;
        ids[k++] = cls;
        for (int i = 0; i < a.size(); i++) {
            ids[k++] = a.get(i);
        }
        ids[k++] = sep;
        for (int i = 0; i < b.size(); i++) {
            types[k] = 1;
            ids[k++] = b.get(i);
        }
        types[k] = 1;
        ids[k] = sep;
        return new PretrainingInstance(ids, types, random);
    }

    private static IntList concat(List<int[]> chunk, int from, int to) {
        IntList out = new IntList();
        for (int i = from; i < to; i++) {
            out.addAll(chunk.get(i));
        }
        return out;
    }

    /** A small deque of ints (removal at both ends for truncation). */
    static final class IntList {
        private int[] a = new int[64];
        private int start;
        private int end;

        void addAll(int[] v) {
            if (end + v.length > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, end + v.length));
            }
            System.arraycopy(v, 0, a, end, v.length);
            end += v.length;
        }

        int size() {
            return end - start;
        }

        int get(int i) {
            return a[start + i];
        }

        void removeFirst() {
            start++;
        }

        void removeLast() {
            end--;
        }
    }
}
