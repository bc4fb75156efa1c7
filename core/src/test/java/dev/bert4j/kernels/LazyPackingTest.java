package dev.bert4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The vector kernel's packed copy of a Linear's weights is made on first use, once, from the current weights. */
class LazyPackingTest {

    @Test
    void thePackedCopyFollowsTheWeightsWhetherMadeBeforeOrAfterAChange() {
        int out = 37;
        int in = 19;
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 11 - 5) * 0.03f;
        }
        LinearWeights weights = new LinearWeights(w, null, out, in);
        weights.repack();                               // nothing packed yet: nothing to do
        w[3] = 2.5f;                                    // an optimizer step before the first vector call
        assertThat(vector(weights, in, out)).containsExactly(scalar(weights, in, out), within(1e-5f));
        w[5] = -1.5f;
        weights.repack();
        assertThat(vector(weights, in, out)).containsExactly(scalar(weights, in, out), within(1e-5f));
    }

    @Test
    void concurrentFirstCallsShareOnePackedCopy() throws InterruptedException {
        LinearWeights weights = new LinearWeights(new float[64 * 48], new float[64], 64, 48);
        Set<float[]> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(weights.packed());
            });
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(1);
    }

    private static float[] vector(LinearWeights w, int in, int out) {
        float[] y = new float[3 * out];
        new VectorLinearKernel(Parallel.sequential()).forward(y, input(in), w, Activation.IDENTITY, 3);
        return y;
    }

    private static float[] scalar(LinearWeights w, int in, int out) {
        float[] y = new float[3 * out];
        new ScalarLinearKernel().forward(y, input(in), w, Activation.IDENTITY, 3);
        return y;
    }

    private static float[] input(int in) {
        float[] x = new float[3 * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        return x;
    }
}
