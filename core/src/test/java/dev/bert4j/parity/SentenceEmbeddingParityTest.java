package dev.bert4j.parity;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.model.BertInputs;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.FeatureExtractionPipeline;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.pipeline.embedding.Similarity;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The default model end to end on real sentences (our tokenizer), against ONNX Runtime fed the same ids. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentenceEmbeddingParityTest {
    private static final List<String> SENTENCES = List.of(
            "A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby.",
            "A man is riding a horse.", "A woman is playing violin.", "Two men pushed carts through the woods.",
            "A man is riding a white horse on an enclosed ground.", "A monkey is playing drums.",
            "Someone in a gorilla costume is playing a set of drums.", "naïve café owners can't résumé 東京 trips!");

    @TempDir
    static Path cache;
    private LoadedModel model;
    private ComputeContext ctx;
    private OrtReference ort;

    @BeforeAll
    void load() throws Exception {
        Path dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache, ConversionListener.NONE);
        model = LoadedModel.load(dir);
        ctx = ComputeContext.inference(2);
        ort = new OrtReference(AbstractParityTest.resource("all-minilm-l6-v2.onnx"));
    }

    @AfterAll
    void close() throws Exception {
        ctx.close();
        ort.close();
    }

    @Test
    void embeddingsMatchOnnxRuntimeOnTheSameIds() throws Exception {
        SentenceEmbeddingPipeline pipeline = new SentenceEmbeddingPipeline(model).withBatchSize(4);
        List<SentenceEmbedding> ours = pipeline.embed(ctx, SENTENCES);
        Tokenizer tok = model.tokenizer().withoutPadding().withTruncation(Truncation.longestFirst(256));
        for (int i = 0; i < SENTENCES.size(); i++) {
            Encoding e = tok.encode(SENTENCES.get(i));
            BertInputs in = BertInputs.of(new int[][] {e.ids()}, new int[][] {e.typeIds()}, 0);
            float[] ref = ort.lastHiddenState(in);
            double[] refVec = meanPooledUnitVector(ref, in.attentionMask(), in.seqLen(), 384);
            float[] vec = ours.get(i).vector();
            for (int c = 0; c < 384; c++) {
                assertThat((double) vec[c]).as("%s [%d]", SENTENCES.get(i), c).isCloseTo(refVec[c], within(2e-5));
            }
            assertThat(ours.get(i).tokens()).isEqualTo(e.length());
            assertThat(ours.get(i).truncated()).isFalse();
            double norm = 0;
            for (float v : ours.get(i).vector()) {
                norm += v * v;
            }
            assertThat(norm).isBetween(0.9999, 1.0001);
        }
        double[][] sim = Similarity.matrix(ours.stream().map(SentenceEmbedding::vector).toList());
        assertThat(sim[0][1]).isGreaterThan(sim[0][2] + 0.3);
        assertThat(sim[3][6]).isGreaterThan(sim[3][4] + 0.3);
        assertThat(pipeline.embed(ctx, SENTENCES.get(2)).vector()).isEqualTo(ours.get(2).vector());
    }

    /**
     * sentence-transformers' all-MiniLM-L6-v2 head written out here: the mean of the real tokens' rows
     * ({@code 1_Pooling}: mean tokens), then L2 normalization ({@code 2_Normalize}).
     */
    private static double[] meanPooledUnitVector(float[] hidden, int[] mask, int T, int C) {
        double[] v = new double[C];
        int n = 0;
        for (int t = 0; t < T; t++) {
            if (mask[t] == 1) {
                n++;
                for (int c = 0; c < C; c++) {
                    v[c] += hidden[t * C + c];
                }
            }
        }
        double norm = 0;
        for (int c = 0; c < C; c++) {
            v[c] /= n;
            norm += v[c] * v[c];
        }
        for (int c = 0; c < C; c++) {
            v[c] /= Math.sqrt(norm);
        }
        return v;
    }

    @Test
    void longTextIsTruncatedAndReported() {
        String text = "word ".repeat(1000);
        SentenceEmbedding e = new SentenceEmbeddingPipeline(model).embed(ctx, text);
        assertThat(e.truncated()).isTrue();
        assertThat(e.tokens()).isEqualTo(256);
        TokenFeatures f = new FeatureExtractionPipeline(model).extract(ctx, text, false, false);
        assertThat(f.truncated()).isTrue();
        assertThat(f.lastHiddenState().shape()).containsExactly(512, 384);
    }

    @Test
    void featureExtractionGivesTokensHiddenStatesAndAttentions() {
        TokenFeatures f = new FeatureExtractionPipeline(model)
                .extract(ctx, "Where is the station?", "It is over there.", true, true);
        int t = f.tokens().length;
        assertThat(f.tokens()[0]).isEqualTo("[CLS]");
        assertThat(f.tokens()[t - 1]).isEqualTo("[SEP]");
        assertThat(f.lastHiddenState().shape()).containsExactly(t, 384);
        assertThat(f.hiddenStates()).hasSize(7);
        assertThat(f.attentions()).hasSize(6);
        assertThat(f.attentions().getFirst().shape()).containsExactly(12, t, t);
        assertThat(f.truncated()).isFalse();
    }
}
