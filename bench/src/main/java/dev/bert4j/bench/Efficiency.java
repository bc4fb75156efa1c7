package dev.bert4j.bench;

import dev.bert4j.model.BertConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The encoder's speed as a fraction of what the machine can do: effective GFLOP/s of each {@link EncoderBenchmark}
 * case (the FLOPs of the Linears and the two attention products per layer, {@link TrainingBenchmark#forwardFlops},
 * for the case's batch × tokens, padding included, since both runtimes compute it) against the FMA peak that
 * {@link FmaPeak} measures in the same process for the same number of threads.
 */
final class Efficiency {
    /** Peaks measured before the encoder timings, repetitions per thread count. */
    static final int PEAK_REPETITIONS = 5;

    private Efficiency() {
    }

    /** FMA peaks for each thread count of the encoder benchmark (measured before and again after its timings). */
    static List<FmaPeak.Peak> peaks(int[] threads) throws InterruptedException {
        List<FmaPeak.Peak> peaks = new ArrayList<>();
        for (int t : threads) {
            peaks.add(FmaPeak.measure(t, PEAK_REPETITIONS));
        }
        return peaks;
    }

    /** A "###" subsection: one row per timing, GFLOP/s and % of the peak for bert4j and ORT. */
    static String section(List<EncoderBenchmark.Timing> timings, List<FmaPeak.Peak> peaks, BertConfig config) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n### Effective GFLOP/s against the FMA "
                + "peak%n%nFLOPs per call: 2 × multiply-adds of the Linears (Q, K, V, attention output, intermediate, "
                + "output) and of the two attention products (Q·Kᵀ and P·V) of %d layers, hidden %d, intermediate %d, "
                + "%d heads, for batch × tokens as run (padding included); embeddings, LayerNorm, softmax and GELU "
                + "not counted. Peak: `FmaPeak` in the same process just before and just after the timings (%d chains of "
                + "`FloatVector.SPECIES_PREFERRED` FMAs per thread, the best of %d repetitions each time, the higher "
                + "of the two). A figure above 100%% means other work held the cores while the peak was measured: "
                + "rerun on a quiet machine.%n%n",
                config.numHiddenLayers(), config.hiddenSize(), config.intermediateSize(),
                config.numAttentionHeads(), FmaPeak.CHAINS, PEAK_REPETITIONS));
        sb.append("| case | threads | GFLOP per call | FMA peak GFLOP/s | bert4j GFLOP/s | % of peak | "
                + "ORT GFLOP/s | % of peak |\n|---|---|---|---|---|---|---|---|\n");
        for (EncoderBenchmark.Timing t : timings) {
            double flops = TrainingBenchmark.forwardFlops(config, t.c().inputs().batchSize(), t.c().inputs().seqLen());
            double peak = peakFor(peaks, t.threads());
            double ours = flops / Report.median(t.ours()) / 1e6;   // ms → GFLOP/s
            double ort = flops / Report.median(t.ort()) / 1e6;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.1f | %.0f%% | %.1f | %.0f%% |%n",
                    t.c().name(), t.threads(), flops / 1e9, peak, ours, 100 * ours / peak, ort, 100 * ort / peak));
        }
        return sb.toString();
    }

    /** The highest of the peaks measured for {@code threads} threads. */
    private static double peakFor(List<FmaPeak.Peak> peaks, int threads) {
        return peaks.stream().filter(p -> p.threads() == threads).mapToDouble(FmaPeak.Peak::best).max()
                .orElseThrow(() -> new IllegalStateException("no FMA peak measured for " + threads + " threads"));
    }
}
