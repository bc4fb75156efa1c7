package dev.bert4j.train.pretrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Masked-LM masking as Google's {@code create_masked_lm_predictions}: the candidates are all tokens but the
 * special ones (with whole-word masking, each word's pieces form one candidate: a piece starting with
 * {@code ##} joins the one before); they are shuffled and taken until {@code round(length · probability)}
 * tokens (at least 1, at most {@code maxPredictions}) are chosen; each chosen token becomes {@code [MASK]}
 * with probability 0.8, a random vocabulary token with 0.1, and stays with 0.1. Labels are the original
 * ids at chosen positions and -100 elsewhere. Drawn anew for every batch (dynamic masking).
 */
public final class Masking {
    public static final int IGNORE = -100;

    private final double probability;
    private final int maxPredictions;
    private final boolean wholeWord;
    private final boolean[] continuation;
    private final boolean[] special;
    private final int maskId;
    private final int vocabSize;

    /**
     * @param continuation per vocabulary id, whether the token continues a word (starts with {@code ##})
     * @param special      per vocabulary id, whether it is a special token (never masked)
     */
    public Masking(double probability, int maxPredictions, boolean wholeWord, boolean[] continuation,
                   boolean[] special, int maskId) {
        this.probability = probability;
        this.maxPredictions = maxPredictions;
        this.wholeWord = wholeWord;
        this.continuation = continuation;
        this.special = special;
        this.maskId = maskId;
        this.vocabSize = continuation.length;
    }

    /** The masked copy of {@code ids} and its labels. */
    public record Masked(int[] ids, int[] labels) {
    }

    public Masked mask(int[] ids, SplittableRandom rng) {
        List<int[]> candidates = candidates(ids);
        shuffle(candidates, rng);
        int target = Math.min(maxPredictions, Math.max(1, (int) Math.round(ids.length * probability)));
        int[] out = ids.clone();
        int[] labels = new int[ids.length];
        Arrays.fill(labels, IGNORE);
        int chosen = 0;
        for (int[] word : candidates) {
            if (chosen >= target) {
                break;
            }
            if (chosen + word.length > target) {
                continue;
            }
            for (int i : word) {
                labels[i] = ids[i];
                double r = rng.nextDouble();
                out[i] = r < 0.8 ? maskId : r < 0.9 ? rng.nextInt(vocabSize) : ids[i];
                chosen++;
            }
        }
        return new Masked(out, labels);
    }

    private List<int[]> candidates(int[] ids) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (special[ids[i]]) {
                continue;
            }
            if (wholeWord && continuation[ids[i]] && !out.isEmpty() && out.getLast()[out.getLast().length - 1] == i - 1) {
                int[] last = out.removeLast();
                int[] grown = Arrays.copyOf(last, last.length + 1);
                grown[last.length] = i;
                out.add(grown);
            } else {
                out.add(new int[] {i});
            }
        }
        return out;
    }

    private static void shuffle(List<int[]> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
