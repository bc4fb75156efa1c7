package dev.bert4j.parity;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.PipelineInputException;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Feature extraction of many texts, packed without padding, equals extracting each text alone. */
class FeatureExtractionPackedTest {
    @TempDir
    static Path cache;

    @Test
    void packedBatchesGiveEachTextsOwnTokenVectors() {
        LoadedModel model = LoadedModel.load(DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache,
                ConversionListener.NONE));
        FeatureExtractionPipeline pipeline = new FeatureExtractionPipeline(model);
        List<String> texts = List.of("Where is the station?", "", "A much longer sentence, with commas, that runs on"
                + " for a while so that the batch holds sequences of very different lengths.", "word ".repeat(700),
                "Short.");
        List<String> pairs = Arrays.asList("It is over there.", null, null, null, "Another one, as a pair.");
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            List<TokenFeatures> all = pipeline.extractAll(ctx, texts, pairs);
            assertThat(all).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                TokenFeatures alone = pairs.get(i) == null ? pipeline.extract(ctx, texts.get(i), false, false)
                        : pipeline.extract(ctx, texts.get(i), pairs.get(i), false, false);
                TokenFeatures packed = all.get(i);
                assertThat(packed.tokens()).as("text %d", i).isEqualTo(alone.tokens());
                assertThat(packed.truncated()).isEqualTo(alone.truncated());
                assertThat(packed.lastHiddenState().shape()).isEqualTo(alone.lastHiddenState().shape());
                assertThat(packed.lastHiddenState().data()).containsExactly(alone.lastHiddenState().data(),
                        within(2e-5f));
                assertThat(packed.hiddenStates()).isNull();
                assertThat(packed.attentions()).isNull();
            }
            assertThat(all.get(3).truncated()).isTrue();
            assertThat(all.get(1).tokens()).containsExactly("[CLS]", "[SEP]");
            assertThatThrownBy(() -> pipeline.extractAll(ctx, texts, List.of("one pair")))
                    .isInstanceOf(PipelineInputException.class).hasMessageContaining("5 texts but 1 pairs");
        }
    }
}
