package dev.bert4j.tokenizers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Padding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.TokenizerException;
import dev.bert4j.tokenizers.Truncation;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code tokenizer.json} bytes either load into a tokenizer that encodes and decodes, or fail with a
 * {@link TokenizerException} that says why; never another exception, an error or a hang. Seeds: small
 * tokenizer files cut from the real MiniLM and bge ones (scripts/fuzz/seed-corpora.sh). Long runs: docs/fuzzing.md.
 */
class TokenizerJsonFuzzTest {
    private static final String TEXT = "Hello, world! Héllo WORLD naïve 東京 tokenization";
    private static final String PAIR = "a second sentence";

    @FuzzTest
    @Timeout(60)
    void loadsOrSaysWhy(byte[] json) {
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizer.fromJson(new ByteArrayInputStream(json), "fuzz tokenizer.json");
        } catch (TokenizerException e) {
            assertThat(e.getMessage()).as("TokenizerException message").isNotBlank();
            return;
        }
        encodeAndDecode(tokenizer);
        encodeAndDecode(tokenizer.withTruncation(Truncation.longestFirst(8)));
    }

    private static void encodeAndDecode(Tokenizer tokenizer) {
        try {
            Encoding single = tokenizer.encode(TEXT);
            Encoding pair = tokenizer.encode(TEXT, PAIR);
            for (Encoding e : new Encoding[] {single, pair}) {
                assertThat(e.typeIds()).hasSameSizeAs(e.ids());
                assertThat(e.attentionMask()).hasSameSizeAs(e.ids());
                tokenizer.decode(e.ids(), true);
            }
            int pad = tokenizer.specialTokens().padId();
            tokenizer.withPadding(Padding.fixed(16, pad, "[PAD]")).encode(TEXT);
        } catch (TokenizerException e) {
            assertThat(e.getMessage()).as("TokenizerException message").isNotBlank();
        }
    }
}
