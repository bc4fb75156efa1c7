package dev.bert4j.kernels;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertModel;
import dev.bert4j.model.HeadFixtures;
import dev.bert4j.model.PackedInputs;
import dev.bert4j.nn.ComputeContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Small calls take the scalar kernels until the budget is spent; large calls, and all calls after, the vector ones. */
class ColdStartKernelsTest {
    private static final PackedInputs TWO_TEXTS = PackedInputs.of(new int[][] {{2, 7, 11, 3}, {2, 9, 4, 5, 6, 3}},
            new int[][] {{0, 0, 0, 0}, {0, 0, 0, 1, 1, 1}});

    @Test
    void smallCallsTakeTheScalarKernelsUntilTheBudgetIsSpent() {
        AtomicInteger scalarCalls = new AtomicInteger();
        AtomicInteger fastCalls = new AtomicInteger();
        try (Parallel parallel = Parallel.ofThreads(2)) {
            Kernels k = ColdStartKernels.route(counting(Kernels.scalar(), scalarCalls),
                    counting(Kernels.vectorized(parallel), fastCalls), 3 * 8 * 64 * 64);
            LinearWeights small = weights(64, 64);
            k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
            assertThat(scalarCalls).hasValue(1);
            int rows = (int) (ColdStartKernels.MAX_SCALAR_CALL / (64 * 64)) + 1;
            k.linear().forward(new float[rows * 64], new float[rows * 64], small, Activation.IDENTITY, rows);
            assertThat(fastCalls).as("a call above the per-call limit").hasValue(1);
            k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
            k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
            assertThat(scalarCalls).hasValue(3);
            k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
            k.linear().forward(new float[64], new float[64], small, Activation.IDENTITY, 1);
            assertThat(scalarCalls).as("the budget is spent").hasValue(3);
            assertThat(fastCalls).hasValue(3);
        }
    }

    @Test
    void oneVeryLargeCallSendsEverySmallCallAfterItToTheFastKernels() {
        AtomicInteger scalarCalls = new AtomicInteger();
        AtomicInteger fastCalls = new AtomicInteger();
        Kernels reference = Kernels.scalar();
        Kernels countingOnly = new Kernels((y, x, w, act, rows) -> fastCalls.incrementAndGet(), reference.layerNorm(),
                reference.attention(), reference.gemm(), reference.activation());
        Kernels k = ColdStartKernels.route(counting(reference, scalarCalls), countingOnly,
                ColdStartKernels.SCALAR_BUDGET);
        LinearWeights small = weights(64, 64);
        LinearWeights wide = weights(1024, 1024);
        int large = (int) (ColdStartKernels.MAX_SCALAR_CALL / (1024 * 1024)) + 1;
        k.linear().forward(new float[0], new float[0], wide, Activation.IDENTITY, large);
        k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
        assertThat(fastCalls).as("a large call").hasValue(1);
        assertThat(scalarCalls).as("a large call leaves the budget for small ones").hasValue(1);
        int veryLarge = (int) (ColdStartKernels.LONG_RUN_CALL / (1024 * 1024)) + 1;
        k.linear().forward(new float[0], new float[0], wide, Activation.IDENTITY, veryLarge);
        k.linear().forward(new float[8 * 64], new float[8 * 64], small, Activation.IDENTITY, 8);
        k.linear().forward(new float[64], new float[64], small, Activation.IDENTITY, 1);
        assertThat(scalarCalls).as("no scalar call after a very large one").hasValue(1);
        assertThat(fastCalls).hasValue(4);
    }

    @Test
    void aForwardIsAllScalarWhileColdAndExactlyTheVectorOneOnceTheBudgetIsSpent() {
        BertConfig c = HeadFixtures.config(Map.of());
        BertModel model = BertModel.fromStateDict(c, HeadFixtures.encoder(c, 3, "", true));
        float[] reference = hidden(model, Kernels.scalar(), Parallel.sequential());
        try (Parallel parallel = Parallel.ofThreads(2)) {
            float[] vector = hidden(model, Kernels.vectorized(parallel), parallel);
            float[] cold = hidden(model, ColdStartKernels.route(Kernels.scalar(), Kernels.vectorized(parallel),
                    ColdStartKernels.SCALAR_BUDGET), parallel);
            float[] spent = hidden(model, ColdStartKernels.route(Kernels.scalar(), Kernels.vectorized(parallel), 0),
                    parallel);
            float[] halfway = hidden(model, ColdStartKernels.route(Kernels.scalar(), Kernels.vectorized(parallel),
                    3_000), parallel);
            assertThat(cold).isEqualTo(reference);
            assertThat(hidden(model, ColdStartKernels.over(parallel), parallel))
                    .as("the cold start's scalar Linear on two threads").isEqualTo(reference);
            assertThat(spent).isEqualTo(vector);
            assertThat(vector).isNotEqualTo(reference);
            for (int i = 0; i < reference.length; i++) {
                assertThat(halfway[i]).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    private static float[] hidden(BertModel model, Kernels kernels, Parallel parallel) {
        ComputeContext ctx = new ComputeContext(parallel, kernels, false, new SplittableRandom(0));
        return model.forwardPacked(ctx, TWO_TEXTS).lastHiddenState();
    }

    private static LinearWeights weights(int out, int in) {
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) * 0.01f;
        }
        return new LinearWeights(w, new float[out], out, in);
    }

    /** {@code kernels} with its Linear counting the calls it gets. */
    private static Kernels counting(Kernels kernels, AtomicInteger calls) {
        LinearKernel linear = (y, x, w, act, rows) -> {
            calls.incrementAndGet();
            kernels.linear().forward(y, x, w, act, rows);
        };
        return new Kernels(linear, kernels.layerNorm(), kernels.attention(), kernels.gemm(), kernels.activation());
    }
}
