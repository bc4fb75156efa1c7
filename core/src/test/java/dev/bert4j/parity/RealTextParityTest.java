package dev.bert4j.parity;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.BertModelOutput;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Padding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both exports on real text encoded by the tokenizer shipped with them, against ONNX Runtime: sentences and
 * pairs of many lengths in batches whose padded sequences come before the longest one, padded on the right
 * and on the left; every output the export has is compared at every position, padding included.
 */
class RealTextParityTest {
    static final List<String> SENTENCES = List.of(
            "Hi!", "The cat sat on the mat.", "A man is playing a guitar on the street corner.",
            "Resumption of the session", "I declare resumed the session of the European Parliament adjourned on "
                    + "Friday 17 December 1999, and I would like once again to wish you a happy new year.",
            "naïve café owners can't résumé 東京 trips!", "Where is the station? It's over there, past the bridge.",
            "Stock prices fell sharply in early trading today after the report was released.",
            "Please rise, then, for this minute's silence.", "Yes.",
            "The quick brown fox jumps over the lazy dog while the dog sleeps under a tree in the warm sun.",
            "BERT reads text in both directions at once, which helps it understand the meaning of each word "
                    + "in its context; it was pre-trained on books and on the English Wikipedia.");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"all-minilm-l6-v2.onnx, all-minilm-l6-v2-tokenizer.json",
            "bge-small-en-v1.5.onnx, bge-small-en-v1.5-tokenizer.json"})
    void everyOutputMatchesOnnxRuntimeOnRealTextWithPaddingInsideTheBatch(String onnx, String tokenizerJson)
            throws Exception {
        byte[] bytes = OrtReference.resource(onnx);
        ImportedBert imported = OnnxBertImporter.importBytes(bytes);
        BertModel model = BertModel.fromStateDict(imported.config(), imported.weights());
        Tokenizer tokenizer = Tokenizer.fromJson(new ByteArrayInputStream(OrtReference.resource(tokenizerJson)),
                tokenizerJson).withTruncation(Truncation.longestFirst(512));
        int checked = 0;
        try (OrtReference ort = new OrtReference(bytes); ComputeContext ctx = ComputeContext.inference(2)) {
            for (Padding.Direction side : Padding.Direction.values()) {
                Tokenizer padded = tokenizer.withPadding(new Padding(Padding.Strategy.LONGEST, 0, null, side, 0, 0,
                        "[PAD]"));
                for (BertInputs in : batches(padded)) {
                    Map<String, float[]> expected = ort.outputs(in);
                    assertThat(expected).containsKey("last_hidden_state");
                    BertModelOutput ours = model.forward(ctx, in);
                    for (Map.Entry<String, float[]> e : expected.entrySet()) {
                        float[] actual = switch (e.getKey()) {
                            case "last_hidden_state" -> ours.lastHiddenState().data();
                            case "pooler_output" -> ours.poolerOutput().data();
                            default -> throw new AssertionError(onnx + " has an output this test does not compare: "
                                    + e.getKey());
                        };
                        int[] rows = e.getKey().equals("last_hidden_state") ? in.attentionMask() : ones(in.batchSize());
                        assertClose(actual, e.getValue(), rows, onnx + " " + e.getKey() + ", " + side + " padding, ids "
                                + Arrays.toString(in.inputIds()));
                    }
                    checked += in.batchSize();
                }
            }
        }
        assertThat(checked).isEqualTo(2 * (SENTENCES.size() + SENTENCES.size() / 2 + 3));
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** Singles with the longest last (so padded ones precede it), pairs likewise, and a batch of three. */
    private static List<BertInputs> batches(Tokenizer tokenizer) {
        List<BertInputs> out = new ArrayList<>();
        List<String> byLength = new ArrayList<>(SENTENCES);
        for (int i = 0; i < byLength.size(); i += 4) {
            out.add(inputs(tokenizer.encodeBatch(byLength.subList(i, i + 4))));
        }
        List<String> firsts = new ArrayList<>();
        List<String> seconds = new ArrayList<>();
        for (int i = 0; i < SENTENCES.size(); i += 2) {
            firsts.add(SENTENCES.get(i + 1));
            seconds.add(SENTENCES.get(i));
        }
        out.add(inputs(tokenizer.encodeBatch(firsts, seconds)));
        out.add(inputs(tokenizer.encodeBatch(List.of("Yes.", SENTENCES.get(4) + " " + SENTENCES.get(11), "Hi!"))));
        return out;
    }

    /** The padded encodings as they are: ids, type ids and attention mask, padding wherever the tokenizer put it. */
    static BertInputs inputs(List<Encoding> batch) {
        int T = batch.getFirst().length();
        int[] ids = new int[batch.size() * T];
        int[] types = new int[ids.length];
        int[] mask = new int[ids.length];
        for (int b = 0; b < batch.size(); b++) {
            Encoding e = batch.get(b);
            assertThat(e.length()).as("padded to the batch's longest").isEqualTo(T);
            System.arraycopy(e.ids(), 0, ids, b * T, T);
            System.arraycopy(e.typeIds(), 0, types, b * T, T);
            System.arraycopy(e.attentionMask(), 0, mask, b * T, T);
        }
        assertThat(Arrays.stream(mask).filter(m -> m == 0).count()).as("some padding").isPositive();
        return new BertInputs(ids, types, mask, batch.size(), T);
    }

    /**
     * Real tokens within 1e-4 (relative above 1), as the random-id parity; padding rows, which nothing downstream
     * reads but which show a wrong mask at once, within 5e-4: their small values gather more float32 rounding
     * over 12 layers (1.06e-4 seen on bge).
     */
    private static void assertClose(float[] actual, float[] expected, int[] mask, String what) {
        assertThat(actual).as(what + " size").hasSameSizeAs(expected);
        int C = expected.length / mask.length;
        for (boolean padding : new boolean[] {false, true}) {
            double worst = 0;
            int at = -1;
            for (int i = 0; i < expected.length && !Double.isNaN(worst); i++) {
                if ((mask[i / C] == 0) != padding) {
                    continue;
                }
                double d = Math.abs((double) actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                if (Double.isNaN(d) || d > worst) {
                    worst = d;
                    at = i;
                }
            }
            assertThat(worst).as("%s: max relative diff on %s at %d", what, padding ? "padding" : "real tokens", at)
                    .isLessThanOrEqualTo(padding ? 5e-4 : 1e-4);
        }
    }
}
