package dev.bert4j.tokenizers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.tokenizers.SentencePieceModel;
import dev.bert4j.tokenizers.TokenizerException;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code spiece.model} bytes either load into a model that encodes text, with offsets inside the text, or fail
 * with a {@link TokenizerException} that says why; never another exception, an error or a hang. Seeds: two tiny
 * hand-written models (a Unigram and a BPE one). Long runs: docs/fuzzing.md.
 */
class SentencePieceFuzzTest {
    private static final String TEXT = "ab  a\u3000東京 ｶﾞ 😀 ab";

    @FuzzTest
    @Timeout(60)
    void loadsOrSaysWhy(byte[] model) {
        SentencePieceModel sp;
        try {
            sp = SentencePieceModel.fromBytes(model, "fuzz spiece.model");
        } catch (TokenizerException e) {
            assertThat(e.getMessage()).as("TokenizerException message").isNotBlank();
            return;
        }
        for (SentencePieceModel.Piece p : sp.encode(TEXT)) {
            assertThat(p.start()).isBetween(0, p.end());
            assertThat(p.end()).isLessThanOrEqualTo(TEXT.length());
            assertThat(p.id()).isBetween(0, sp.vocabSize() - 1);
        }
    }
}
