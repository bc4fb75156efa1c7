package dev.bert4j.pipeline.fillmask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.pipeline.ToyWordPiece;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Expected behaviour: HF's FillMaskPipeline.get_target_ids. */
class FillMaskTargetsTest {

    private final ToyWordPiece vocab = new ToyWordPiece("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat",
            "dog", "##s");

    /** A tokenizer stand-in: a few known encodings without special tokens. */
    private final TargetVocabulary targetVocabulary = new TargetVocabulary() {
        private final Map<String, int[]> encodings = Map.of("dogs", new int[] {8, 9}, "cats", new int[] {6, 9},
                " ", new int[0]);

        @Override
        public OptionalInt tokenToId(String token) {
            return vocab.lookup(token);
        }

        @Override
        public int[] encodeWithoutSpecialTokens(String text) {
            int[] ids = encodings.get(text);
            if (ids == null) {
                throw new AssertionError("unexpected encoding request for " + text);
            }
            return ids;
        }

        @Override
        public String idToToken(int id) {
            return vocab.token(id);
        }
    };

    @Test
    void vocabularyTokensAreUsedAsTheyAreWithoutWarning() {
        ResolvedTargets targets = FillMaskTargets.resolve(List.of("dog", "##s"), targetVocabulary);
        assertThat(targets.ids()).containsExactly(8, 9);
        assertThat(targets.warnings()).isEmpty();
    }

    @Test
    void anOutOfVocabularyTargetIsReplacedByItsFirstTokenWithAWarning() {
        ResolvedTargets targets = FillMaskTargets.resolve(List.of("cats"), targetVocabulary);
        assertThat(targets.ids()).containsExactly(6);
        assertThat(targets.warnings()).containsExactly("The specified target token `cats` does not exist in the "
                + "model vocabulary. Replacing with `cat`.");
    }

    @Test
    void duplicateIdsAreMergedAndEmptyEncodingsIgnoredWithAWarning() {
        ResolvedTargets targets = FillMaskTargets.resolve(List.of("dog", "dogs", " ", "dog"), targetVocabulary);
        assertThat(targets.ids()).containsExactly(8);
        assertThat(targets.warnings()).hasSize(2);
        assertThat(targets.warnings().get(1)).contains("` ` does not exist").contains("ignoring it");
    }

    @Test
    void noUsableTargetIsAnError() {
        assertThatThrownBy(() -> FillMaskTargets.resolve(List.of(" "), targetVocabulary))
                .isInstanceOf(PipelineInputException.class)
                .hasMessageContaining("At least one target must be provided when passed");
        assertThatThrownBy(() -> FillMaskTargets.resolve(List.of(), targetVocabulary))
                .isInstanceOf(PipelineInputException.class);
    }
}
