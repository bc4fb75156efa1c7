package dev.bert4j.cli;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code embed} writes its lines by hand (start-up); they are exactly what the mapper writes for the same results. */
class EmbedLineTest {
    @TempDir
    static Path root;

    @Test
    void theHandWrittenLineIsTheMappersLineByteForByte() throws Exception {
        Path model = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
        List<String> texts = List.of("one sentence", "Quotes \" and \\ backslashes, tabs\t, é and 日本語 and 😀",
                "word ".repeat(400).trim());
        CliRun run = CliRun.run("embed", "--model", model.toString(), "--threads", "1", texts.get(0), texts.get(1),
                texts.get(2));
        assertThat(run.status()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(3);
        try (ComputeContext ctx = ComputeContext.coldStart(1)) {
            List<SentenceEmbedding> expected = new SentenceEmbeddingPipeline(LoadedModel.load(model)).embed(ctx, texts);
            assertThat(expected.get(2).truncated()).isTrue();
            for (int i = 0; i < lines.length; i++) {
                assertThat(lines[i]).isEqualTo(JsonLinesTask.MAPPER.writeValueAsString(
                        EmbedCommand.EmbeddingLine.of(expected.get(i))));
            }
        }
    }
}
