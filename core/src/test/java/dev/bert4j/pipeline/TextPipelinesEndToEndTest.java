package dev.bert4j.pipeline;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.WeightLoadException;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.parity.OrtReference;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
import dev.bert4j.pipeline.nsp.NextSentence;
import dev.bert4j.pipeline.nsp.NextSentencePipeline;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Fill-mask, text classification and next sentence on the real MiniLM encoder with seeded random heads. */
class TextPipelinesEndToEndTest {
    private static final Map<Integer, String> SENTIMENT = Map.of(0, "NEGATIVE", 1, "NEUTRAL", 2, "POSITIVE");
    @TempDir
    static Path tmp;
    static MiniLmHeads heads;
    static ComputeContext ctx;
    static Path preTraining;
    static Path classifier;

    @BeforeAll
    static void setUp() {
        heads = new MiniLmHeads(tmp);
        ctx = ComputeContext.inference(2);
        preTraining = heads.withHead("pretraining", HeadKind.PRE_TRAINING, Map.of(), null, null);
        classifier = heads.withHead("sentiment", HeadKind.SEQUENCE_CLASSIFICATION, SENTIMENT, null, 16);
    }

    @AfterAll
    static void tearDown() {
        ctx.close();
    }

    @Test
    void fillMaskScoresAreTheFullVocabularySoftmaxAtTheMask() {
        FillMaskPipeline fill = FillMaskPipeline.load(preTraining);
        String text = "The capital of France is [MASK].";
        List<MaskPrediction> top = fill.run(ctx, text, FillMaskOptions.DEFAULTS).getFirst();
        assertThat(top).hasSize(5);
        // independent: the whole (B, T, V) masked-LM forward, softmax in double at the mask position
        BertForMaskedLM mlm = TaskHeads.load(ModelDirectory.open(preTraining), BertForMaskedLM.class);
        Tokenizer tok = Tokenizer.fromFile(preTraining).withoutPadding();   // tokenizer.json pads to 128
        Encoding e = tok.encode(text);
        int mask = Arrays.asList(e.tokens()).indexOf("[MASK]");
        float[] logits = mlm.forward(ctx, BertInputs.single(e.ids())).logits().data();
        int V = heads.baseConfig().vocabSize();
        double[] p = softmax(Arrays.copyOfRange(logits, mask * V, (mask + 1) * V));
        Integer[] order = new Integer[V];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        for (int k = 0; k < 5; k++) {
            MaskPrediction pred = top.get(k);
            assertThat(pred.token()).isEqualTo(order[k]);
            assertThat(pred.score()).isCloseTo(p[order[k]], within(1e-5));
            assertThat(pred.tokenStr()).isEqualTo(tok.decode(new int[] {pred.token()}, false));
            int[] filled = e.ids().clone();
            filled[mask] = pred.token();
            assertThat(pred.sequence()).isEqualTo(tok.decode(filled, true));
        }
        List<MaskPrediction> targeted = fill.run(ctx, text, FillMaskOptions.DEFAULTS.withTargets(List.of("paris", "london")))
                .getFirst();
        assertThat(targeted).extracting(MaskPrediction::tokenStr).containsExactlyInAnyOrder("paris", "london");
        targeted.forEach(t -> assertThat(t.score()).isCloseTo(p[t.token()], within(1e-5)));   // not renormalized
        assertThat(targeted.get(0).score()).isGreaterThanOrEqualTo(targeted.get(1).score());
    }

    @Test
    void fillMaskHandlesSeveralMasksBatchesAndRejectsTextsWithoutOne() {
        FillMaskPipeline fill = FillMaskPipeline.load(preTraining);
        List<List<MaskPrediction>> two = fill.run(ctx, "[MASK] is the capital of [MASK].", FillMaskOptions.DEFAULTS.withTopK(3));
        assertThat(two).hasSize(2).allSatisfy(list -> {
            assertThat(list).hasSize(3);
            assertThat(list).allSatisfy(m -> assertThat(m.sequence()).contains("[MASK]").startsWith("[CLS]"));
        });
        List<String> texts = List.of("hello [MASK] world", "a much longer sentence where the [MASK] word is hidden");
        List<List<List<MaskPrediction>>> batch = fill.runBatch(ctx, texts, FillMaskOptions.DEFAULTS);
        for (int i = 0; i < texts.size(); i++) {
            List<MaskPrediction> single = fill.run(ctx, texts.get(i), FillMaskOptions.DEFAULTS).getFirst();
            assertThat(batch.get(i).getFirst()).extracting(MaskPrediction::token)
                    .containsExactlyElementsOf(single.stream().map(MaskPrediction::token).toList());
            assertThat(batch.get(i).getFirst().getFirst().score()).isCloseTo(single.getFirst().score(), within(1e-5));
        }
        assertThatThrownBy(() -> fill.run(ctx, "no mask here", FillMaskOptions.DEFAULTS))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("No mask_token ([MASK])");
    }

    @Test
    void textClassificationFollowsTopKAndFunctionToApply() {
        TextClassificationPipeline pipe = TextClassificationPipeline.load(classifier);
        String text = "I loved this film";
        List<LabelScore> all = pipe.run(ctx, text, TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all()));
        assertThat(all).hasSize(3).extracting(LabelScore::label)
                .containsExactlyInAnyOrder("NEGATIVE", "NEUTRAL", "POSITIVE");
        assertThat(all.stream().mapToDouble(LabelScore::score).sum()).isCloseTo(1, within(1e-9));
        assertThat(all).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(pipe.run(ctx, text, TextClassificationOptions.DEFAULTS)).containsExactly(all.getFirst());

        float[] logits = rawLogits(text, null);
        List<LabelScore> none = pipe.run(ctx, text, new TextClassificationOptions(LabelSelection.returnAllScores(true),
                FunctionToApply.NONE, false));
        List<LabelScore> sigmoid = pipe.run(ctx, text, new TextClassificationOptions(LabelSelection.returnAllScores(true),
                FunctionToApply.SIGMOID, false));
        for (int i = 0; i < 3; i++) {
            assertThat(none.get(i).label()).isEqualTo(SENTIMENT.get(i));
            assertThat(none.get(i).score()).isCloseTo(logits[i], within(1e-4));
            assertThat(sigmoid.get(i).score()).isCloseTo(1 / (1 + Math.exp(-logits[i])), within(1e-5));
        }
    }

    @Test
    void textPairsBatchesAndLengthLimits() {
        TextClassificationPipeline pipe = TextClassificationPipeline.load(classifier);
        TextClassificationOptions raw = new TextClassificationOptions(LabelSelection.returnAllScores(true),
                FunctionToApply.NONE, false);
        float[] pairLogits = rawLogits("the cat sat", "on the mat");
        List<List<LabelScore>> batch = pipe.runBatch(ctx, List.of("the cat sat", "a second, longer input text here"),
                Arrays.asList("on the mat", null), raw);
        for (int i = 0; i < 3; i++) {
            assertThat(batch.get(0).get(i).score()).isCloseTo(pairLogits[i], within(1e-4));
        }
        List<LabelScore> single = pipe.run(ctx, "a second, longer input text here", raw);
        for (int i = 0; i < 3; i++) {
            assertThat(batch.get(1).get(i).score()).isCloseTo(single.get(i).score(), within(1e-4));
        }
        String longText = "word ".repeat(40);                          // model_max_length is 16 in this directory
        assertThatThrownBy(() -> pipe.run(ctx, longText, TextClassificationOptions.DEFAULTS))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("16");
        assertThat(pipe.run(ctx, longText, TextClassificationOptions.DEFAULTS.withTruncation(true))).hasSize(1);
    }

    @Test
    void aLabelIdMissingFromId2LabelAndAHeadNotMatchingTheWeightsAreClearErrors() {
        Path gap = heads.withHead("gap", HeadKind.SEQUENCE_CLASSIFICATION, Map.of(0, "A", 2, "C"), null, null);
        TextClassificationPipeline pipe = TextClassificationPipeline.load(gap);
        assertThatThrownBy(() -> pipe.run(ctx, "anything", TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all())))
                .isInstanceOf(LabelMappingException.class).hasMessageContaining("label id 1");
        assertThatThrownBy(() -> TextClassificationPipeline.load(preTraining))
                .isInstanceOf(WeightLoadException.class).hasMessageContaining("classifier.weight")
                .hasMessageContaining("[2, 384]");
        assertThatThrownBy(() -> FillMaskPipeline.load(classifier))
                .isInstanceOf(WeightLoadException.class).hasMessageContaining("cls.predictions");
    }

    @Test
    void nextSentenceProbabilitiesAreThoseOfThePoolerAndHeadOverOnnxRuntimesEncoder() throws Exception {
        NextSentencePipeline nsp = NextSentencePipeline.load(preTraining);
        NextSentence r = nsp.run(ctx, "She opened the door.", "The room was dark.");
        double[] expected = nextSentenceFromOnnxRuntime("She opened the door.", "The room was dark.");
        assertThat(r.isNextProbability()).isCloseTo(expected[0], within(1e-4));
        assertThat(r.notNextProbability()).isCloseTo(expected[1], within(1e-4));
        assertThat(r.isNextProbability() + r.notNextProbability()).isCloseTo(1, within(1e-9));
        assertThat(r.isNext()).isEqualTo(r.isNextProbability() >= r.notNextProbability());
        List<NextSentence> batch = nsp.runBatch(ctx, List.of("She opened the door.", "Hi"),
                List.of("The room was dark.", "Stock prices fell sharply in early trading today."));
        assertThat(batch.getFirst().isNextProbability()).isCloseTo(r.isNextProbability(), within(1e-5));
        assertThat(batch.get(1).isNextProbability())
                .isCloseTo(nsp.run(ctx, "Hi", "Stock prices fell sharply in early trading today.").isNextProbability(),
                        within(1e-5));
        assertThatThrownBy(() -> nsp.run(ctx, "", "b")).isInstanceOf(PipelineInputException.class)
                .hasMessageContaining("first sentence");
    }

    /**
     * [is next, not next] computed without bert4j's model: ONNX Runtime's last_hidden_state for the same ids,
     * then the seeded pooler (tanh of dense over [CLS]) and cls.seq_relationship in double, then softmax.
     */
    private static double[] nextSentenceFromOnnxRuntime(String a, String b) throws Exception {
        Encoding e = Tokenizer.fromFile(preTraining).withoutPadding().encode(a, b);
        BertInputs in = BertInputs.of(new int[][] {e.ids()}, new int[][] {e.typeIds()}, 0);
        float[] hidden;
        try (OrtReference ort = new OrtReference(OrtReference.resource("all-minilm-l6-v2.onnx"))) {
            hidden = ort.lastHiddenState(in);
        }
        Map<String, Tensor> w = ModelDirectory.open(preTraining).loadWeights();
        int C = heads.baseConfig().hiddenSize();
        double[] pooled = new double[C];
        for (int o = 0; o < C; o++) {
            double s = w.get("pooler.dense.bias").data()[o];
            for (int k = 0; k < C; k++) {
                s += hidden[k] * w.get("pooler.dense.weight").data()[o * C + k];      // row 0 is [CLS]
            }
            pooled[o] = Math.tanh(s);
        }
        float[] logits = new float[2];
        for (int o = 0; o < 2; o++) {
            double s = w.get("cls.seq_relationship.bias").data()[o];
            for (int k = 0; k < C; k++) {
                s += pooled[k] * w.get("cls.seq_relationship.weight").data()[o * C + k];
            }
            logits[o] = (float) s;
        }
        return softmax(logits);
    }

    private static float[] rawLogits(String text, String pair) {
        BertForSequenceClassification m = TaskHeads.load(ModelDirectory.open(classifier), BertForSequenceClassification.class);
        Encoding e = Tokenizer.fromFile(classifier).withoutPadding().encode(text, pair);
        return m.forward(ctx, BertInputs.of(new int[][] {e.ids()}, new int[][] {e.typeIds()}, 0)).logits().data();
    }

    private static double[] softmax(float[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double[] p = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.exp(x[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < x.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
