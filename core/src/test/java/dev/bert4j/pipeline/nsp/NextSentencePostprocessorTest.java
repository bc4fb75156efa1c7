package dev.bert4j.pipeline.nsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bert4j.pipeline.Logits;
import org.junit.jupiter.api.Test;

/** Label convention from modeling_bert's next_sentence_label: 0 = B continues A, 1 = B is random. */
class NextSentencePostprocessorTest {

    @Test
    void labelZeroIsIsNext() {
        NextSentence result = NextSentencePostprocessor.postprocess(Logits.ln(3, 1));
        assertThat(result.isNext()).isTrue();
        assertThat(result.isNextProbability()).isCloseTo(0.75, within(1e-6));
        assertThat(result.notNextProbability()).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void labelOneIsRandom() {
        NextSentence result = NextSentencePostprocessor.postprocess(Logits.ln(1, 4));
        assertThat(result.isNext()).isFalse();
        assertThat(result.isNextProbability()).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void equalLogitsCountAsNextLikeAnArgmax() {
        assertThat(NextSentencePostprocessor.postprocess(new float[] {0.3f, 0.3f}).isNext()).isTrue();
    }

    @Test
    void theHeadMustGiveTwoLogits() {
        assertThatThrownBy(() -> NextSentencePostprocessor.postprocess(new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 logits, got 3");
    }
}
