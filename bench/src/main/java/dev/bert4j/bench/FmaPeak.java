package dev.bert4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The machine's peak single-precision FMA throughput as Java sees it: {@value #CHAINS} independent chains of
 * {@code FloatVector.SPECIES_PREFERRED} fused multiply-adds per thread, enough to cover the FMA latency on two
 * pipes (4 to 5 cycles × 2 on current x86 and Arm cores) and few enough to stay in 16 vector registers without
 * spilling. GFLOP/s = 2 × lanes × FMAs / s, summed over the threads, which start together and are timed to the
 * last one's end. This is the ceiling the encoder's kernels can reach; {@link Efficiency} puts their effective
 * GFLOP/s against it.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp ... dev.bert4j.bench.FmaPeak [repetitions (7)]
 * [threads (1,2)]}; prints a Markdown table.
 */
public final class FmaPeak {
    /** Independent accumulators per thread. */
    static final int CHAINS = 12;
    /** Seconds one timed repetition should last (the iteration count is calibrated to it). */
    private static final double REPETITION_SECONDS = 0.5;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** GFLOP/s of each repetition with {@code threads} threads running the chains at once. */
    record Peak(int threads, int lanes, double[] gflops) {
        double median() {
            return Report.median(gflops);
        }

        /** The best repetition: other work on the machine can only lower a peak, so this is the estimate to use. */
        double best() {
            return Report.max(gflops);
        }
    }

    private FmaPeak() {
    }

    public static void main(String[] args) throws InterruptedException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] threads = args.length > 1
                ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        double loadBefore = Report.loadAverage();
        List<Peak> peaks = new ArrayList<>();
        for (int t : threads) {
            peaks.add(measure(t, reps));
        }
        System.out.println(table(peaks));
        System.out.printf(Locale.ROOT, "%s lanes of float (%d-bit vectors), %d chains; %d repetitions of ~%.1f s; "
                        + "%d processors, %s; load average %.2f before, %.2f after.%n", SPECIES.length(),
                SPECIES.vectorBitSize(), CHAINS, reps, REPETITION_SECONDS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version(), loadBefore, Report.loadAverage());
    }

    /** Warms the kernel up, calibrates the iteration count, then times {@code reps} repetitions. */
    static Peak measure(int threads, int reps) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            chains(2_000_000);     // compiled by C2 before anything is timed
        }
        long t0 = System.nanoTime();
        chains(10_000_000);
        double perIteration = (System.nanoTime() - t0) / 1e9 / 10_000_000;
        int iterations = (int) Math.min(Integer.MAX_VALUE, REPETITION_SECONDS / perIteration);
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            double seconds = timeThreads(threads, iterations);
            gflops[r] = 2.0 * SPECIES.length() * CHAINS * (double) iterations * threads / seconds / 1e9;
        }
        Peak p = new Peak(threads, SPECIES.length(), gflops);
        System.out.printf(Locale.ROOT, "FMA peak, %d thread(s): median %.1f GFLOP/s, best %.1f%n", threads,
                p.median(), p.best());
        return p;
    }

    /** Wall seconds from the common start to the end of the last of {@code threads} threads. */
    private static double timeThreads(int threads, int iterations) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        float[] sink = new float[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sink[id] = chains(iterations);
            }));
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink[0] == 42.4242f) {
            System.out.print("");
        }
        return seconds;
    }

    /** {@value #CHAINS} independent FMA chains, each a ← a·m + c (converging to 1, so no overflow or denormals). */
    static float chains(int iterations) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-6f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 0.10f), a1 = FloatVector.broadcast(SPECIES, 0.11f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 0.12f), a3 = FloatVector.broadcast(SPECIES, 0.13f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 0.14f), a5 = FloatVector.broadcast(SPECIES, 0.15f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 0.16f), a7 = FloatVector.broadcast(SPECIES, 0.17f);
        FloatVector a8 = FloatVector.broadcast(SPECIES, 0.18f), a9 = FloatVector.broadcast(SPECIES, 0.19f);
        FloatVector a10 = FloatVector.broadcast(SPECIES, 0.20f), a11 = FloatVector.broadcast(SPECIES, 0.21f);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    static String table(List<Peak> peaks) {
        StringBuilder sb = new StringBuilder("| threads | lanes | FMA peak GFLOP/s (median) | best | min |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Peak p : peaks) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f |%n", p.threads(), p.lanes(),
                    p.median(), p.best(), Report.min(p.gflops())));
        }
        return sb.toString();
    }
}
