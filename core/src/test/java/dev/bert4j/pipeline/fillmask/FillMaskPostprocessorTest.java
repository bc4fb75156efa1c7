package dev.bert4j.pipeline.fillmask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bert4j.pipeline.Logits;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.pipeline.ToyWordPiece;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Expected values follow HF's FillMaskPipeline.postprocess: softmax over the whole vocabulary at the
 * mask, top_k best, sequence = decode(input with that mask filled, padding removed,
 * skip_special_tokens = single mask), token_str = decode([token]).
 */
class FillMaskPostprocessorTest {

    private static final double EPS = 1e-6;

    // ids:                                   0       1        2        3        4        5      6      7      8      9
    private final ToyWordPiece vocab = new ToyWordPiece("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat",
            "dog", "##s");
    private final FillMaskPostprocessor fillMask =
            new FillMaskPostprocessor(vocab::decode, vocab.id("[MASK]"), OptionalInt.of(vocab.id("[PAD]")));

    /** Weights 1 everywhere except cat 8, dog 4, ##s 2: the total is 7 + 8 + 4 + 2 = 21. */
    private float[] catDogRow() {
        return Logits.ln(1, 1, 1, 1, 1, 1, 8, 1, 4, 2);
    }

    @Test
    void singleMaskGivesTopKProbabilitiesOverTheWholeVocabulary() {
        int[] ids = vocab.ids("[CLS]", "the", "[MASK]", "sat", "[SEP]");
        List<List<MaskPrediction>> result = fillMask.postprocess(ids, new float[][] {catDogRow()}, 3);

        assertThat(result).hasSize(1);
        List<MaskPrediction> row = result.getFirst();
        assertThat(row).extracting(MaskPrediction::token).containsExactly(6, 8, 9);
        assertThat(row.get(0).score()).isCloseTo(8.0 / 21, within(EPS));
        assertThat(row.get(1).score()).isCloseTo(4.0 / 21, within(EPS));
        assertThat(row.get(2).score()).isCloseTo(2.0 / 21, within(EPS));
        // single mask: special tokens skipped in the sequence; token_str decodes the bare token
        assertThat(row).extracting(MaskPrediction::sequence).containsExactly("the cat sat", "the dog sat", "thes sat");
        assertThat(row).extracting(MaskPrediction::tokenStr).containsExactly("cat", "dog", "##s");
    }

    @Test
    void defaultTopKIsFiveAndEqualProbabilitiesRankByLowerTokenId() {
        int[] ids = vocab.ids("[CLS]", "the", "[MASK]", "[SEP]");
        List<MaskPrediction> row = fillMask.postprocess(ids, new float[][] {catDogRow()},
                FillMaskPostprocessor.DEFAULT_TOP_K).getFirst();
        // cat, dog, ##s, then the 1/21 ties: [PAD] (0) and [UNK] (1)
        assertThat(row).extracting(MaskPrediction::token).containsExactly(6, 8, 9, 0, 1);
        assertThat(row.get(3).score()).isCloseTo(1.0 / 21, within(EPS));
    }

    @Test
    void targetsPickProbabilitiesWithoutRenormalizingAndCapTopK() {
        int[] ids = vocab.ids("[CLS]", "the", "[MASK]", "[SEP]");
        ResolvedTargets targets = new ResolvedTargets(new int[] {vocab.id("sat"), vocab.id("dog")}, List.of());
        List<MaskPrediction> row = fillMask.postprocess(ids, new float[][] {catDogRow()}, 5, targets).getFirst();

        assertThat(row).hasSize(2); // top_k 5 capped to the 2 targets
        assertThat(row).extracting(MaskPrediction::token).containsExactly(8, 7);
        assertThat(row.get(0).score()).isCloseTo(4.0 / 21, within(EPS)); // still over the whole vocabulary
        assertThat(row.get(1).score()).isCloseTo(1.0 / 21, within(EPS));
        assertThat(row.get(0).sequence()).isEqualTo("the dog");
    }

    @Test
    void severalMasksGiveOneListPerMaskEachFillingOnlyItsOwnMaskAndKeepingSpecialTokens() {
        int[] ids = vocab.ids("[CLS]", "[MASK]", "sat", "[MASK]", "[SEP]", "[PAD]", "[PAD]");
        float[] second = Logits.ln(1, 1, 1, 1, 1, 1, 2, 1, 11, 1); // dog 11/21, cat 2/21
        List<List<MaskPrediction>> result = fillMask.postprocess(ids, new float[][] {catDogRow(), second}, 2);

        assertThat(result).hasSize(2);
        assertThat(result.get(0)).extracting(MaskPrediction::sequence)
                .containsExactly("[CLS] cat sat [MASK] [SEP]", "[CLS] dog sat [MASK] [SEP]");
        assertThat(result.get(1)).extracting(MaskPrediction::sequence)
                .containsExactly("[CLS] [MASK] sat dog [SEP]", "[CLS] [MASK] sat cat [SEP]");
        assertThat(result.get(1).get(0).score()).isCloseTo(11.0 / 21, within(EPS));
        assertThat(result.get(1).get(1).score()).isCloseTo(2.0 / 21, within(EPS));
    }

    @Test
    void aTokenizerWithoutPadTokenKeepsEveryId() {
        FillMaskPostprocessor noPad = new FillMaskPostprocessor(vocab::decode, vocab.id("[MASK]"), OptionalInt.empty());
        int[] ids = vocab.ids("[CLS]", "[MASK]", "[MASK]", "[PAD]");
        float[][] rows = {catDogRow(), catDogRow()};
        assertThat(noPad.postprocess(ids, rows, 1).get(0).getFirst().sequence()).isEqualTo("[CLS] cat [MASK] [PAD]");
        assertThat(fillMask.postprocess(ids, rows, 1).get(0).getFirst().sequence()).isEqualTo("[CLS] cat [MASK]");
    }

    @Test
    void maskPositionsAreFoundInOrder() {
        assertThat(fillMask.maskPositions(vocab.ids("[CLS]", "[MASK]", "sat", "[MASK]", "[SEP]"))).containsExactly(1, 3);
    }

    @Test
    void aTextWithoutMaskIsAnError() {
        int[] ids = vocab.ids("[CLS]", "the", "cat", "[SEP]");
        assertThatThrownBy(() -> fillMask.postprocess(ids, new float[0][], 5))
                .isInstanceOf(PipelineInputException.class)
                .hasMessageContaining("No mask_token ([MASK]) found on the input");
    }

    @Test
    void badTopKAndMismatchedRowsAreErrors() {
        int[] ids = vocab.ids("[CLS]", "[MASK]", "[SEP]");
        float[][] rows = {catDogRow()};
        assertThatThrownBy(() -> fillMask.postprocess(ids, rows, 0))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("top_k must be >= 1");
        assertThatThrownBy(() -> fillMask.postprocess(ids, rows, 11))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("larger than the vocabulary");
        assertThatThrownBy(() -> fillMask.postprocess(ids, new float[][] {catDogRow(), catDogRow()}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 logits rows for 1 mask");
    }
}
