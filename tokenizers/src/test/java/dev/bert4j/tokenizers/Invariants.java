package dev.bert4j.tokenizers;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants every encoding must satisfy, whatever the input. */
final class Invariants {
    private Invariants() {}

    static void check(Tokenizer tokenizer, Encoding e, String text, String pair) {
        int n = e.length();
        assertThat(e.tokens()).hasSize(n);
        assertThat(e.typeIds()).hasSize(n);
        assertThat(e.attentionMask()).hasSize(n);
        assertThat(e.specialTokensMask()).hasSize(n);
        assertThat(e.wordIds()).hasSize(n);
        assertThat(e.sequenceIds()).hasSize(n);
        assertThat(e.offsets()).hasSize(2 * n);
        SpecialTokens st = tokenizer.specialTokens();
        int real = e.nonPaddingLength();
        int firstReal = 0;
        while (firstReal < n && e.attentionMask()[firstReal] == 0) firstReal++;
        if (real > 0 && tokenizer.numSpecialTokensToAdd(pair != null) > 0) {
            assertThat(e.ids()[firstReal]).as("first token is [CLS]").isEqualTo(st.clsId());
            assertThat(e.ids()[firstReal + real - 1]).as("last real token is [SEP]").isEqualTo(st.sepId());
        }
        int[] lastStart = {0, 0};
        int[] lastEnd = {0, 0};
        int seps = 0;
        for (int i = 0; i < n; i++) {
            int seq = e.sequenceIds()[i];
            if (e.attentionMask()[i] == 0) {
                assertThat(e.specialTokensMask()[i]).as("padding is special").isEqualTo(1);
                assertThat(seq).isEqualTo(-1);
                continue;
            }
            if (seq < 0) {
                assertThat(e.specialTokensMask()[i]).as("template token %d is special", i).isEqualTo(1);
                assertThat(e.start(i)).isZero();
                assertThat(e.end(i)).isZero();
                assertThat(e.wordIds()[i]).isEqualTo(-1);
                if (e.ids()[i] == st.sepId()) seps++;
                continue;
            }
            assertThat(e.specialTokensMask()[i]).isZero();
            assertThat(e.typeIds()[i]).as("type id of sequence %d", seq).isEqualTo(seq);
            String src = seq == 0 ? text : pair;
            assertThat(e.start(i)).as("start of token %d", i).isBetween(0, src.length());
            assertThat(e.end(i)).as("end of token %d", i).isBetween(e.start(i), src.length());
            assertThat(e.start(i)).as("offsets never go backwards").isGreaterThanOrEqualTo(lastStart[seq]);
            assertThat(e.end(i)).as("offsets never go backwards").isGreaterThanOrEqualTo(lastEnd[seq]);
            lastStart[seq] = e.start(i);
            lastEnd[seq] = e.end(i);
        }
        if (tokenizer.numSpecialTokensToAdd(pair != null) > 0 && real > 0) {
            assertThat(seps).as("[SEP] count").isEqualTo(pair == null ? 1 : 2);
        }
        List<Encoding> over = e.overflowing();
        for (Encoding o : over) check(tokenizer, o, text, pair);
    }
}
