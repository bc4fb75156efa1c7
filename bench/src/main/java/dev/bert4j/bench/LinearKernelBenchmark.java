package dev.bert4j.bench;

import dev.bert4j.kernels.Activation;
import dev.bert4j.kernels.LinearKernel;
import dev.bert4j.kernels.LinearWeights;
import dev.bert4j.kernels.Parallel;
import dev.bert4j.kernels.VectorLinearKernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How close the Linear kernel alone comes to the machine's FMA peak, per Linear shape of all-MiniLM-L6-v2 (hidden
 * 384, intermediate 1536) at 128 rows on one thread, and what the whole encoder loses around it:
 * <ul>
 *   <li><b>weights in cache</b>: one weight matrix called again and again, so it stays in L2/L3;</li>
 *   <li><b>weights from memory</b>: 16 copies called in turn (16 × the shape, 9-38 MB), as six layers cycle through
 *       about 42 MB of weights in a forward pass;</li>
 *   <li><b>+ GELU</b>: the intermediate Linear with its exact-erf GELU fused, as the encoder runs it.</li>
 * </ul>
 * Repetitions interleave the variants; the table gives medians and the FMA peak measured in the same process
 * ({@link FmaPeak}, best of 5, before and after, the higher).
 * Usage: {@code LinearKernelBenchmark [REPETITIONS (7)] [ROWS (128)]}.
 */
public final class LinearKernelBenchmark {
    private static final int[][] SHAPES = {{384, 1152}, {384, 384}, {384, 1536}, {1536, 384}};
    private static final String[] NAMES = {"Q, K, V (384 → 1152)", "attention output (384 → 384)",
            "intermediate (384 → 1536)", "output (1536 → 384)"};
    private static final int COPIES = 16;
    private static final double FLOP_PER_TIMING = 3e9;

    private LinearKernelBenchmark() {}

    record Variant(int shape, int copies, Activation act) {
        String name() {
            return NAMES[shape] + (act == Activation.GELU ? " + GELU" : "")
                    + (copies > 1 ? ", weights from memory" : ", weights in cache");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        double peak = FmaPeak.measure(1, 5).best();
        List<Variant> variants = new ArrayList<>();
        for (int s = 0; s < SHAPES.length; s++) {
            for (int copies : new int[]{1, COPIES}) {
                variants.add(new Variant(s, copies, Activation.IDENTITY));
                if (SHAPES[s][1] == 1536) {
                    variants.add(new Variant(s, copies, Activation.GELU));
                }
            }
        }
        double[][] gflops = new double[variants.size()][reps];
        SplittableRandom random = new SplittableRandom(1);
        try (Parallel one = Parallel.sequential()) {
            LinearKernel kernel = new VectorLinearKernel(one);
            List<Case> cases = variants.stream().map(v -> Case.of(v, rows, random)).toList();
            for (Case c : cases) {
                c.time(kernel);                                   // warm-up: JIT
            }
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < cases.size(); i++) {
                    gflops[i][r] = cases.get(i).time(kernel);
                }
            }
        }
        peak = Math.max(peak, FmaPeak.measure(1, 5).best());
        System.out.println(table(variants, gflops, peak, rows, reps));
    }

    /** One variant's weights (one or several copies), input and output. */
    private record Case(Variant v, LinearWeights[] weights, float[] x, float[] y, int rows, int calls) {
        static Case of(Variant v, int rows, SplittableRandom random) {
            int in = SHAPES[v.shape()][0];
            int out = SHAPES[v.shape()][1];
            LinearWeights[] w = new LinearWeights[v.copies()];
            for (int c = 0; c < w.length; c++) {
                w[c] = new LinearWeights(gaussian(random, in * out, 0.05f), gaussian(random, out, 0.05f), out, in);
            }
            int calls = (int) Math.max(v.copies(), FLOP_PER_TIMING / (2.0 * rows * in * out));
            return new Case(v, w, gaussian(random, rows * in, 1f), new float[rows * out], rows, calls);
        }

        /** GFLOP/s of one timing. */
        double time(LinearKernel kernel) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                kernel.forward(y, x, weights[i % weights.length], v.act(), rows);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LinearWeights w = weights[0];
            return 2.0 * rows * w.in() * w.out() * calls / seconds / 1e9;
        }
    }

    private static float[] gaussian(SplittableRandom random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian() * scale;
        }
        return a;
    }

    private static String table(List<Variant> variants, double[][] gflops, double peak, int rows, int reps) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "FMA peak, 1 thread: %.1f GFLOP/s; %d rows; %d repetitions%n%n", peak, rows, reps));
        sb.append("| Linear | GFLOP/s (median) | min–max | % of FMA peak |\n|---|---|---|---|\n");
        for (int i = 0; i < variants.size(); i++) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %.0f%% |%n", variants.get(i).name(),
                    Report.median(gflops[i]), Report.min(gflops[i]), Report.max(gflops[i]),
                    100 * Report.median(gflops[i]) / peak));
        }
        return sb.toString();
    }
}
