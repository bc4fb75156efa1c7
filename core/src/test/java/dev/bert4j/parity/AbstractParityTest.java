package dev.bert4j.parity;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModel;
import dev.bert4j.nn.ComputeContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of our forward pass with ONNX Runtime on the same ONNX export, over many token-id inputs:
 * singles and pairs, padded batches mixing short and long inputs, and inputs up to
 * max_position_embeddings tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractParityTest {
    protected BertModel model;
    protected OrtReference ort;
    protected ComputeContext ctx;

    abstract String onnxResource();

    abstract boolean clsPooling();

    abstract int singles();

    abstract int batches();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = AbstractParityTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("classpath resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @BeforeAll
    void load() throws Exception {
        byte[] onnx = resource(onnxResource());
        ImportedBert imported = OnnxBertImporter.importBytes(onnx);
        model = BertModel.fromStateDict(imported.config(), imported.weights());
        ort = new OrtReference(onnx);
        ctx = ComputeContext.inference(2);
    }

    @AfterAll
    void close() throws Exception {
        ort.close();
        ctx.close();
    }

    @Test
    void matchesOnnxRuntime() throws Exception {
        RandomInputs gen = new RandomInputs(42, model.config().vocabSize());
        int maxLen = model.config().maxPositionEmbeddings();
        List<BertInputs> cases = new ArrayList<>();
        for (int i = 0; i < singles(); i++) {
            int len = 2 + gen.nextInt(i % 10 == 0 ? 200 : 40);
            cases.add(RandomInputs.batch(gen.any(len)));
        }
        for (int i = 0; i < batches(); i++) {
            int[][][] seqs = new int[4][][];
            for (int s = 0; s < 4; s++) {
                seqs[s] = gen.any(s == 0 ? 60 + gen.nextInt(100) : 2 + gen.nextInt(20));
            }
            cases.add(RandomInputs.batch(seqs));
        }
        cases.add(RandomInputs.batch(gen.single(maxLen)));
        cases.add(RandomInputs.batch(gen.pair(maxLen), gen.single(5), gen.pair(300)));
        ParityCheck check = new ParityCheck();
        int C = model.config().hiddenSize();
        for (BertInputs in : cases) {
            float[] ours = model.forward(ctx, in).lastHiddenState().data();
            check.compare(in, ours, ort.lastHiddenState(in), C, clsPooling());
        }
        System.out.printf("%s parity: %d sequences, max |diff| %.3g, min cosine %.9f%n",
                onnxResource(), check.sequences, check.maxAbsDiff, check.minCosine);
        assertThat(check.sequences).isGreaterThanOrEqualTo(singles() + 4 * batches());
        assertThat(check.maxAbsDiff).isLessThanOrEqualTo(1e-4);
        assertThat(check.minCosine).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void eachSequenceInAPaddedBatchEqualsItsSoloResult() {
        RandomInputs gen = new RandomInputs(7, model.config().vocabSize());
        int[][][] seqs = {gen.single(3), gen.pair(77), gen.single(20), gen.pair(31), gen.single(2)};
        BertInputs batch = RandomInputs.batch(seqs);
        float[] all = model.forward(ctx, batch).lastHiddenState().data();
        int C = model.config().hiddenSize();
        int T = batch.seqLen();
        for (int b = 0; b < seqs.length; b++) {
            float[] solo = model.forward(ctx, RandomInputs.batch(seqs[b])).lastHiddenState().data();
            int n = seqs[b][0].length;
            float[] inBatch = Arrays.copyOfRange(all, b * T * C, b * T * C + n * C);
            assertThat(Arrays.equals(inBatch, solo)).as("sequence %d bit-identical alone and in the batch", b).isTrue();
        }
    }
}
