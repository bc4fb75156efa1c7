package dev.bert4j.tokenizers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sweeps every code point (U+0000..U+10FFFF, surrogates aside) through the reference again and checks that the
 * committed table {@code bert-chars.txt} still says exactly what the reference does: which characters
 * clean_text removes or turns into spaces, which are whitespace, punctuation or CJK ideographs, and what
 * strip_accents and lowercase make of each.
 */
class CharTableTest {
    @Test
    void committedTableMatchesAFreshSweepOfTheReference() throws IOException {
        List<String> fresh = CharTableGenerator.generate();
        List<String> committed;
        try (InputStream in = BertCharTable.class.getResourceAsStream("bert-chars.txt")) {
            assertThat(in).as("bert-chars.txt on the classpath").isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(committed).hasSize(fresh.size());
        for (int i = 0; i < fresh.size(); i++) assertThat(committed.get(i)).as("line %d", i + 1).isEqualTo(fresh.get(i));
    }
}
