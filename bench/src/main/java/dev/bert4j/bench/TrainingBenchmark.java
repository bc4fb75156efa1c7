package dev.bert4j.bench;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertWorkspace;
import dev.bert4j.model.ForwardOptions;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.WeightInit;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.optim.AdamW;
import dev.bert4j.train.optim.AdamWSettings;
import dev.bert4j.train.optim.GradientClipping;
import dev.bert4j.train.optim.NamedParameter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A training step of all-MiniLM-L6-v2 with a sequence-classification head (forward with dropout, loss,
 * backward, clipping, AdamW) against the forward alone, on the same batch of real Europarl passages, in one
 * run: tokens per second and effective GFLOP/s (a training step counted as three forwards), next to ONNX
 * Runtime's forward on the same ONNX file and ids. Writes the "Training" section of BENCHMARKS.md.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench exec:exec -Dexec.args="--add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED -cp %classpath dev.bert4j.bench.TrainingBenchmark"}
 * (arguments after the class name: [repetitions] [BENCHMARKS.md path]).
 */
public final class TrainingBenchmark {
    private static final int B = 16;
    private static final int T = 128;

    private TrainingBenchmark() {
    }

    record Row(int threads, double[] forward, double[] train, double[] optimizer, double[] ort) {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path report = Path.of(args.length > 1 ? args[1] : "BENCHMARKS.md");
        Tokenizer tok = Tokenizer.fromJson(EncoderBenchmark.resource("/all-minilm-l6-v2-tokenizer.json"), "tokenizer")
                .withoutPadding().withoutTruncation();
        List<int[]> sentences = EncoderBenchmark.tokenized(tok, 3000);
        int[][] ids = new int[B][];
        for (int b = 0; b < B; b++) {
            ids[b] = EncoderBenchmark.passage(sentences, 60 * b, T, sentences.get(0)[0],
                    sentences.get(0)[sentences.get(0).length - 1]);
        }
        BertInputs batch = BertInputs.of(ids, null, 0);
        Path dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, Files.createTempDirectory("bert4j-bench"),
                ConversionListener.NONE);
        ModelDirectory md = ModelDirectory.open(dir);
        BertConfig config = md.config().withLabels(Map.of(0, "neg", 1, "pos"));
        BertForSequenceClassification model = BertForSequenceClassification.fromStateDict(config,
                WeightInit.complete(HeadKind.SEQUENCE_CLASSIFICATION, config, md.loadWeights(), 1).weights());
        byte[] onnx = EncoderBenchmark.resource("/all-minilm-l6-v2.onnx").readAllBytes();
        double flops = forwardFlops(config, B, T);
        List<Row> rows = new ArrayList<>();
        double loadBefore = Report.loadAverage();
        for (int threads : new int[] {1, 2}) {
            rows.add(measure(model, batch, onnx, threads, reps));
        }
        Pretraining pre = pretraining(sentences, reps);
        String section = section(rows, reps, flops, loadBefore, Report.loadAverage()) + pre.section();
        System.out.println(section);
        Report.writeSection(report, "## Training", section);
    }

    private static Row measure(BertForSequenceClassification model, BertInputs batch, byte[] onnx, int threads,
                               int reps) throws Exception {
        List<NamedParameter> params = new ArrayList<>();
        model.parameters().forEach((n, p) -> params.add(new NamedParameter(n, p)));
        AdamW adamw = new AdamW(params, AdamWSettings.DEFAULTS.withWeightDecay(0.01));
        int[] labels = new int[B];
        for (int b = 0; b < B; b++) {
            labels[b] = b % 2;
        }
        double[] fwd = new double[reps];
        double[] train = new double[reps];
        double[] opt = new double[reps];
        double[] ort = new double[reps];
        try (ComputeContext ctx = ComputeContext.training(threads, new SplittableRandom(1));
             EncoderBenchmark.Ort session = new EncoderBenchmark.Ort(onnx, threads)) {
            ComputeContext inference = ctx.with(false, new SplittableRandom(0));
            BertWorkspace ws = new BertWorkspace();
            for (int r = -2; r < reps; r++) {                     // two warm-up repetitions
                long t0 = System.nanoTime();
                model.bert().forward(inference, batch, ForwardOptions.DEFAULT, ws);
                long t1 = System.nanoTime();
                model.trainStep(ctx, batch, labels, null, 1);
                long t2 = System.nanoTime();
                GradientClipping.clipGlobalNorm(params, 1.0);
                adamw.step(1e-5, ctx.parallel());
                adamw.zeroGrad();
                long t3 = System.nanoTime();
                session.lastHiddenState(batch);
                long t4 = System.nanoTime();
                if (r >= 0) {
                    fwd[r] = (t1 - t0) / 1e6;
                    train[r] = (t3 - t1) / 1e6;
                    opt[r] = (t3 - t2) / 1e6;
                    ort[r] = (t4 - t3) / 1e6;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d thread(s): forward %.0f ms, training step %.0f ms (optimizer %.0f ms), "
                + "ORT forward %.0f ms%n", threads, Report.median(fwd), Report.median(train), Report.median(opt),
                Report.median(ort));
        return new Row(threads, fwd, train, opt, ort);
    }

    /** A pre-training step (masked LM + NSP, 15% of tokens through the decoder) of a small BERT from scratch. */
    record Pretraining(BertConfig config, double[] step, double[] forward, double flopsPerStep, double forwardFlops) {
        String section() {
            double t = Report.median(step);
            double f = Report.median(forward);
            return String.format(Locale.ROOT, "%n### Pre-training step (2 layers, hidden 128, vocabulary %d, batch %d × %d, "
                    + "2 threads)%n%n| step ms (min–max) | forward ms | step GFLOP/s | forward GFLOP/s | tokens/s | 800 steps |"
                    + "%n|---|---|---|---|---|---|%n| %.0f (%.0f–%.0f) | %.0f | %.1f | %.1f | %.0f | %.1f min |%n%n"
                    + "The step counts three forwards' worth of the encoder plus the masked-LM head on the %d%% masked "
                    + "positions (transform and the tied %d-wide decoder) and the NSP head; the forward is the encoder "
                    + "alone.%n", config.vocabSize(), PB, T, t, Report.min(step), Report.max(step), f,
                    flopsPerStep / t / 1e6, forwardFlops / f / 1e6, PB * T / (t / 1000), 800 * t / 60000, 15,
                    config.vocabSize());
        }
    }

    private static final int PB = 32;

    private static Pretraining pretraining(List<int[]> sentences, int reps) throws Exception {
        BertConfig c = new BertConfig(30522, 128, 2, 2, 512, "gelu", 0.1, 0.1, 512, 2, 0.02, 1e-12, "absolute", 0,
                null, Map.of(), Map.of(), null, List.of("BertForPreTraining"), "bert");
        var model = (dev.bert4j.model.BertForPreTraining) dev.bert4j.model.BertTaskModel.fromStateDict(
                HeadKind.PRE_TRAINING, c, WeightInit.complete(HeadKind.PRE_TRAINING, c, Map.of(), 1).weights());
        int[][] ids = new int[PB][];
        int[][] types = new int[PB][];
        for (int b = 0; b < PB; b++) {
            ids[b] = EncoderBenchmark.passage(sentences, 40 * b, T, 101, 102);
            types[b] = new int[T];
            java.util.Arrays.fill(types[b], T / 2, T, 1);
        }
        BertInputs batch = BertInputs.of(ids, types, 0);
        int[] labels = new int[PB * T];
        java.util.Arrays.fill(labels, -100);
        SplittableRandom r = new SplittableRandom(3);
        int masked = 0;
        for (int i = 0; i < labels.length; i++) {
            if (i % T != 0 && r.nextDouble() < 0.15) {
                labels[i] = batch.inputIds()[i];
                masked++;
            }
        }
        int[] nsp = new int[PB];
        List<NamedParameter> params = new ArrayList<>();
        model.parameters().forEach((n, p) -> params.add(new NamedParameter(n, p)));
        AdamW adamw = new AdamW(params, AdamWSettings.DEFAULTS.withWeightDecay(0.01));
        double[] step = new double[reps];
        double[] fwd = new double[reps];
        try (ComputeContext ctx = ComputeContext.training(2, new SplittableRandom(1))) {
            ComputeContext inference = ctx.with(false, new SplittableRandom(0));
            for (int i = -2; i < reps; i++) {
                long t0 = System.nanoTime();
                model.bert().forward(inference, batch);
                long t1 = System.nanoTime();
                model.trainStep(ctx, batch, labels, nsp, 1);
                GradientClipping.clipGlobalNorm(params, 1.0);
                adamw.step(1e-4, ctx.parallel());
                adamw.zeroGrad();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    fwd[i] = (t1 - t0) / 1e6;
                    step[i] = (t2 - t1) / 1e6;
                }
            }
        }
        double encoder = forwardFlops(c, PB, T);
        double head = 2.0 * masked * (c.hiddenSize() * c.hiddenSize() + (double) c.hiddenSize() * c.vocabSize());
        System.out.printf(Locale.ROOT, "pre-training step %.0f ms, forward %.0f ms%n", Report.median(step),
                Report.median(fwd));
        return new Pretraining(c, step, fwd, 3 * (encoder + head), encoder);
    }

    /** Multiply-adds × 2 of the encoder's forward: the Linears and the two attention products per layer. */
    static double forwardFlops(BertConfig c, int b, int t) {
        double rows = (double) b * t;
        double C = c.hiddenSize();
        double linear = 2 * rows * (4 * C * C + 2 * C * c.intermediateSize());
        double attention = 2 * 2 * (double) b * t * t * C;
        return c.numHiddenLayers() * (linear + attention);
    }

    private static String section(List<Row> rows, int reps, double flops, double loadBefore, double loadAfter) {
        StringBuilder sb = new StringBuilder("## Training: a fine-tuning step against the forward (all-MiniLM-L6-v2)\n\n");
        sb.append("Command: `./mvnw -q -B -pl bench exec:exec -Dexec.args=\"--add-modules jdk.incubator.vector "
                + "--enable-native-access=ALL-UNNAMED -cp %classpath dev.bert4j.bench.TrainingBenchmark\"` (after "
                + "`./mvnw -q -B install -DskipTests`).\n\n");
        sb.append(String.format(Locale.ROOT, "Setup: batch of %d Europarl passages × %d tokens (no padding); "
                + "`BertForSequenceClassification` on all-MiniLM-L6-v2 with a new head; a training step = "
                + "`trainStep` (forward with dropout, cross-entropy, backward) + global-norm clipping + AdamW; "
                + "forward = `BertModel.forward` (inference path); ORT = ONNX Runtime %s on the same ONNX file and ids. "
                + "Effective GFLOP/s counts %.1f GFLOP per forward (Linears and attention products) and three "
                + "forwards' worth per training step. 2 warm-up and %d timed repetitions, interleaved. %d cores "
                + "as seen by the JVM, %s.%n%n", B, T, EncoderBenchmark.ortVersion(), flops / 1e9, reps,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version()));
        sb.append("| threads | forward ms | training step ms (min–max) | of which AdamW+clip ms | ORT forward ms "
                + "| forward GFLOP/s | training GFLOP/s | training / forward | training tokens/s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            double f = Report.median(r.forward());
            double t = Report.median(r.train());
            sb.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f (%.0f–%.0f) | %.0f | %.0f | %.1f | %.1f | %.0f%% | %.0f |%n",
                    r.threads(), f, t, Report.min(r.train()), Report.max(r.train()), Report.median(r.optimizer()),
                    Report.median(r.ort()), flops / f / 1e6, 3 * flops / t / 1e6, 100 * (3 * flops / t) / (flops / f),
                    B * T / (t / 1000)));
        }
        sb.append(String.format(Locale.ROOT, "%nLoad average %.2f before, %.2f after.%n", loadBefore, loadAfter));
        return sb.toString();
    }
}
