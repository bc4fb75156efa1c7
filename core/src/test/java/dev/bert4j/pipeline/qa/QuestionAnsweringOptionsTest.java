package dev.bert4j.pipeline.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bert4j.pipeline.PipelineInputException;
import org.junit.jupiter.api.Test;

/** Expected values: the defaults and checks of HF's QuestionAnsweringPipeline. */
class QuestionAnsweringOptionsTest {

    @Test
    void defaultsAreHuggingFaces() {
        QuestionAnsweringOptions options = QuestionAnsweringOptions.defaults(512);
        assertThat(options).isEqualTo(new QuestionAnsweringOptions(1, 128, 15, 384, 64, false, true));
    }

    @Test
    void shortModelsGetAShorterWindowAndHalfOfItAsStride() {
        QuestionAnsweringOptions options = QuestionAnsweringOptions.defaults(128);
        assertThat(options.maxSeqLen()).isEqualTo(128);
        assertThat(options.docStride()).isEqualTo(64);
        assertThat(QuestionAnsweringOptions.defaultDocStride(201)).isEqualTo(100);
    }

    @Test
    void badOptionsAreErrors() {
        QuestionAnsweringOptions options = QuestionAnsweringOptions.defaults(512);
        assertThatThrownBy(() -> options.withTopK(0))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("top_k parameter should be >= 1");
        assertThatThrownBy(() -> options.withMaxAnswerLen(0))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("max_answer_len");
        assertThatThrownBy(() -> options.withWindows(100, 101, 64))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`doc_stride` (101)");
    }
}
