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
        String section = section(rows, reps, flops, loadBefore, Report.loadAverage());
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
