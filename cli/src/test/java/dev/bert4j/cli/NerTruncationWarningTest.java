package dev.bert4j.cli;

import dev.bert4j.model.HeadKind;
import dev.bert4j.pipeline.MiniLmHeads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ner} says when it cuts a text at the model's limit, with the line {@code embed} prints. */
class NerTruncationWarningTest {

    @Test
    void aTextLongerThanTheModelsLimitIsReportedUnlessStrideTagsItAll(@TempDir Path root) {
        Path ner = new MiniLmHeads(root).withHead("ner", HeadKind.TOKEN_CLASSIFICATION,
                Map.of(0, "O", 1, "B-PER", 2, "I-PER"), null, 12);
        String longText = "Angela Merkel met Emmanuel Macron in Paris and then flew home to Berlin.";
        CliRun cut = CliRun.run("ner", "--model", ner.toString(), longText);
        assertThat(cut.status()).as(cut.err()).isZero();
        assertThat(cut.err()).isEqualTo("warning: truncated to 12 tokens (the model's limit): \"Angela Merkel met Emmanuel Macron in Par...\""
                + System.lineSeparator());

        CliRun lines = CliRun.withInput("{\"text\": \"short\"}\n{\"text\": \"" + longText + "\"}\n", "ner", "--model", ner.toString());
        assertThat(lines.status()).as(lines.err()).isZero();
        assertThat(lines.err()).containsOnlyOnce("warning: truncated to 12 tokens");

        CliRun short_ = CliRun.run("ner", "--model", ner.toString(), "Angela Merkel");
        assertThat(short_.err()).isEmpty();
        CliRun windows = CliRun.run("ner", "--model", ner.toString(), "--stride", "2", "--aggregation-strategy", "simple", longText);
        assertThat(windows.status()).as(windows.err()).isZero();
        assertThat(windows.err()).isEmpty();
    }
}
