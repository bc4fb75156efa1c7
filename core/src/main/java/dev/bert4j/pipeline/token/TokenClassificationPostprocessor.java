package dev.bert4j.pipeline.token;

import dev.bert4j.pipeline.Id2Label;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.pipeline.Probabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * HF's {@code TokenClassificationPipeline.postprocess}: token logits of one or more windows of a text
 * to {@link Entity} results.
 *
 * <p>Per window: a softmax over each token's label logits; special tokens dropped; each remaining
 * token gets its spelling ({@code convert_ids_to_tokens}, or the covered text for the unknown token)
 * and a sub-word flag ({@link SubwordRule}); then by {@link AggregationStrategy}: none labels each
 * token, simple labels each token and groups, first/average/max first merge sub-words into words.
 * Results whose {@code entity} (none) or {@code entity_group} (the others) is in {@code
 * ignore_labels} are dropped. With several windows ({@code stride}), the entities of all windows are
 * merged by {@code aggregate_overlapping_entities}, which needs an aggregation strategy other than
 * none, as in HF.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class TokenClassificationPostprocessor {

    /** HF's default {@code ignore_labels}. */
    public static final List<String> DEFAULT_IGNORE_LABELS = List.of("O");

    private final TokenStrings tokenStrings;
    private final int unkTokenId;
    private final SubwordRule subwordRule;
    private final EntityAggregation aggregation;

    /**
     * @param id2label     the model's labels
     * @param tokenStrings the tokenizer's token spelling functions
     * @param unkTokenId   the tokenizer's {@code unk_token_id}
     * @param subwordRule  {@link SubwordRule#CONTINUING_SUBWORD_PREFIX} for WordPiece tokenizers
     */
    public TokenClassificationPostprocessor(Id2Label id2label, TokenStrings tokenStrings, int unkTokenId,
            SubwordRule subwordRule) {
        this.tokenStrings = Objects.requireNonNull(tokenStrings, "tokenStrings");
        this.unkTokenId = unkTokenId;
        this.subwordRule = Objects.requireNonNull(subwordRule, "subwordRule");
        this.aggregation = new EntityAggregation(Objects.requireNonNull(id2label, "id2label"), tokenStrings);
    }

    /**
     * HF's checks on {@code stride}: it must be below the model's maximum length and needs an
     * aggregation strategy other than none.
     */
    public static void validateStride(int stride, int modelMaxLength, AggregationStrategy strategy) {
        if (stride < 0 || stride >= modelMaxLength) {
            throw new PipelineInputException("`stride` (" + stride + ") must be >= 0 and less than the "
                    + "model's maximum length (" + modelMaxLength + "), minus its special tokens");
        }
        if (strategy == AggregationStrategy.NONE) {
            throw new PipelineInputException("`stride` was provided to process all the text but "
                    + "`aggregation_strategy=\"none\"`, please select another one instead.");
        }
    }

    /** {@link #postprocess(String, List, AggregationStrategy, List)} with {@code ignore_labels=["O"]}. */
    public List<Entity> postprocess(String text, List<TokenClassificationWindow> windows,
            AggregationStrategy strategy) {
        return postprocess(text, windows, strategy, DEFAULT_IGNORE_LABELS);
    }

    /**
     * @param text         the original text, which every window's offsets point into
     * @param windows      the encoded windows in order (one unless the text was split with stride)
     * @param strategy     the aggregation strategy
     * @param ignoreLabels labels to drop; compared with the full label for none and with the
     *                     prefix-less group label otherwise
     */
    public List<Entity> postprocess(String text, List<TokenClassificationWindow> windows,
            AggregationStrategy strategy, List<String> ignoreLabels) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no token-classification windows");
        }
        if (windows.size() > 1 && strategy == AggregationStrategy.NONE) {
            throw new PipelineInputException("The text was split into " + windows.size() + " windows "
                    + "(stride), which needs an aggregation_strategy other than \"none\"");
        }
        List<Entity> entities = new ArrayList<>();
        for (TokenClassificationWindow window : windows) {
            for (Entity entity : aggregate(gather(text, window), strategy)) {
                if (!ignoreLabels.contains(entity.label())) {
                    entities.add(entity);
                }
            }
        }
        return List.copyOf(windows.size() > 1 ? EntityAggregation.mergeOverlapping(entities) : entities);
    }

    private List<Entity> aggregate(List<PreEntity> preEntities, AggregationStrategy strategy) {
        if (strategy == AggregationStrategy.NONE) {
            List<Entity> tokens = new ArrayList<>();
            for (LabeledToken t : aggregation.labelTokens(preEntities)) {
                tokens.add(new TokenEntity(t.entity(), t.score(), t.index(), t.word(), t.start(), t.end()));
            }
            return tokens;
        }
        List<LabeledToken> labeled = strategy.aggregatesWords()
                ? aggregation.labelWords(preEntities, strategy)
                : aggregation.labelTokens(preEntities);
        return List.copyOf(aggregation.group(labeled));
    }

    /** HF's {@code gather_pre_entities}. */
    private List<PreEntity> gather(String text, TokenClassificationWindow window) {
        List<PreEntity> preEntities = new ArrayList<>();
        for (int i = 0; i < window.length(); i++) {
            if (window.specialTokensMask()[i]) {
                continue;
            }
            int start = window.offsets()[i][0];
            int end = window.offsets()[i][1];
            if (start < 0 || start > end || end > text.length()) {
                throw new IllegalArgumentException("token " + i + " has offsets [" + start + ", " + end
                        + ") outside the text of length " + text.length());
            }
            String covered = text.substring(start, end);
            String word = tokenStrings.idToToken(window.inputIds()[i]);
            boolean isSubword = isSubword(text, start, word, covered);
            if (window.inputIds()[i] == unkTokenId) {
                word = covered;
                isSubword = false;
            }
            preEntities.add(new PreEntity(word, Probabilities.softmax(window.logits()[i]), start, end, i, isSubword));
        }
        return preEntities;
    }

    private boolean isSubword(String text, int start, String token, String covered) {
        return switch (subwordRule) {
            case CONTINUING_SUBWORD_PREFIX ->
                    token.codePointCount(0, token.length()) != covered.codePointCount(0, covered.length());
            case SPACE_HEURISTIC -> start > 0
                    && !text.substring(start - 1, Math.min(start + 1, text.length())).contains(" ");
        };
    }
}
