package dev.bert4j.pipeline.fillmask;

import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.pipeline.Probabilities;
import dev.bert4j.pipeline.Ranking;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Hugging Face's {@code FillMaskPipeline.postprocess} as a pure function of the masked-LM logits at
 * the mask positions.
 *
 * <p>For each mask position (in text order) the row of vocabulary logits goes through a softmax over
 * the whole vocabulary; with {@code targets} the probabilities of the target ids are then picked out
 * (not renormalized) and {@code top_k} is capped to the number of targets. The best {@code top_k}
 * candidates become {@link MaskPrediction}s; each one's {@code sequence} is the input with only that
 * mask filled, padding removed, decoded with {@code skip_special_tokens} true for a single mask and
 * false for several. Hugging Face returns a flat list for a single mask and a list per mask
 * otherwise; here the result is always one list per mask, and the caller flattens the single-mask
 * case when it prints HF's shape.
 *
 * <p>Differences from HF, all errors where HF would fail later or oddly: {@code top_k} must be at
 * least 1 (HF returns empty lists for 0), and without targets it may not exceed the vocabulary size
 * (a {@code torch.topk} error in HF). Ties in probability are ranked by the lower token id, or with
 * targets by target order (HF leaves their order to {@code torch.topk}).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class FillMaskPostprocessor {

    /** HF's default {@code top_k}. */
    public static final int DEFAULT_TOP_K = 5;

    private final TokenDecoder decoder;
    private final int maskTokenId;
    private final OptionalInt padTokenId;

    /**
     * @param decoder     the tokenizer's decode function
     * @param maskTokenId the tokenizer's {@code mask_token_id}
     * @param padTokenId  the tokenizer's {@code pad_token_id}, if it has one
     */
    public FillMaskPostprocessor(TokenDecoder decoder, int maskTokenId, OptionalInt padTokenId) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.maskTokenId = maskTokenId;
        this.padTokenId = Objects.requireNonNull(padTokenId, "padTokenId");
    }

    /**
     * The positions of the mask token in {@code inputIds}, in order; the glue code takes the logits
     * rows at these positions. A text without a mask is a {@link PipelineInputException}.
     */
    public int[] maskPositions(int[] inputIds) {
        int[] positions = IntStream.range(0, inputIds.length).filter(i -> inputIds[i] == maskTokenId).toArray();
        if (positions.length == 0) {
            String mask = decoder.decode(new int[] {maskTokenId}, false);
            throw new PipelineInputException("No mask_token (" + mask + ") found on the input: put "
                    + mask + " where the word to predict goes");
        }
        return positions;
    }

    /** {@link #postprocess(int[], float[][], int, ResolvedTargets)} without {@code targets}. */
    public List<List<MaskPrediction>> postprocess(int[] inputIds, float[][] maskLogits, int topK) {
        return postprocess(inputIds, maskLogits, topK, null);
    }

    /**
     * @param inputIds   the encoded input, special tokens and masks included
     * @param maskLogits one row of vocabulary logits ({@code [V]}) per mask position, in the order of
     *                   {@link #maskPositions(int[])}
     * @param topK       how many candidates per mask ({@link #DEFAULT_TOP_K} in HF)
     * @param targets    candidates to restrict to, or {@code null} for the whole vocabulary
     * @return one list per mask, best candidate first
     */
    public List<List<MaskPrediction>> postprocess(int[] inputIds, float[][] maskLogits, int topK,
            ResolvedTargets targets) {
        int[] positions = maskPositions(inputIds);
        if (maskLogits.length != positions.length) {
            throw new IllegalArgumentException("got " + maskLogits.length + " logits rows for "
                    + positions.length + " mask positions");
        }
        int[] targetIds = targets == null ? null : targets.ids();
        List<List<MaskPrediction>> result = new ArrayList<>(positions.length);
        for (int m = 0; m < positions.length; m++) {
            double[] probs = Probabilities.softmax(maskLogits[m]);
            int[] candidates = targetIds == null ? null : checkTargets(targetIds, probs.length);
            double[] candidateProbs = candidates == null ? probs : pick(probs, candidates);
            int k = effectiveTopK(topK, candidateProbs.length, candidates != null);
            List<MaskPrediction> row = new ArrayList<>(k);
            for (int index : Ranking.topIndices(candidateProbs, k)) {
                int token = candidates == null ? index : candidates[index];
                row.add(prediction(inputIds, positions[m], token, candidateProbs[index], positions.length == 1));
            }
            result.add(List.copyOf(row));
        }
        return List.copyOf(result);
    }

    private MaskPrediction prediction(int[] inputIds, int position, int token, double score, boolean singleMask) {
        int[] filled = inputIds.clone();
        filled[position] = token;
        int[] withoutPadding = padTokenId.isEmpty() ? filled
                : IntStream.of(filled).filter(id -> id != padTokenId.getAsInt()).toArray();
        String sequence = decoder.decode(withoutPadding, singleMask);
        String tokenStr = decoder.decode(new int[] {token}, false);
        return new MaskPrediction(score, token, tokenStr, sequence);
    }

    private static int effectiveTopK(int topK, int candidates, boolean restrictedToTargets) {
        if (topK < 1) {
            throw new PipelineInputException("top_k must be >= 1, got " + topK);
        }
        if (restrictedToTargets) {
            return Math.min(topK, candidates); // HF caps top_k to the number of targets
        }
        if (topK > candidates) {
            throw new PipelineInputException("top_k (" + topK + ") is larger than the vocabulary ("
                    + candidates + " tokens)");
        }
        return topK;
    }

    private static int[] checkTargets(int[] targetIds, int vocabSize) {
        for (int id : targetIds) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("target id " + id + " is outside the vocabulary of "
                        + vocabSize + " logits");
            }
        }
        return targetIds;
    }

    private static double[] pick(double[] probs, int[] ids) {
        double[] picked = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            picked[i] = probs[ids[i]];
        }
        return picked;
    }
}
