package dev.bert4j.bench;

import dev.bert4j.japanese.MecabProvider;
import dev.bert4j.tokenizers.WordSegmenter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * MeCab word segmentation: bert4j's pure-Java MeCab against Debian's {@code mecab} binary (IPADIC) through a pipe,
 * on the manpages-ja sentences after NFKC ({@code scripts/data/manpages-ja.sh}). Words are checked identical on every
 * sentence first; then 2 warm-up and 7 timed passes, interleaved. Each {@code mecab} pass starts the process, writes
 * every sentence as a line and reads all its output, as a caller through a pipe does. Writes its section of
 * BENCHMARKS.md.
 */
public final class JapaneseSegmentationBenchmark {
    private static final String IPADIC = "/var/lib/mecab/dic/ipadic-utf8";

    private JapaneseSegmentationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> texts = new ArrayList<>();
        for (String s : Files.readAllLines(root.resolve("data/manpages-ja/sentences.txt"))) {
            texts.add(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        byte[] input = (String.join("\n", texts) + "\n").getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        WordSegmenter ours = new MecabProvider().open(Map.of(), "benchmark");
        double loadMs = (System.nanoTime() - t0) / 1e6;
        check(ours, texts, mecab(input, false));
        double loadBefore = Report.loadAverage();
        double[] mine = new double[7];
        double[] theirs = new double[7];
        for (int pass = -2; pass < 7; pass++) {
            long a = System.nanoTime();
            long words = 0;
            for (String t : texts) words += ours.segment(t).length;
            long b = System.nanoTime();
            mecab(input, true);
            long c = System.nanoTime();
            if (words == 0) throw new IllegalStateException("no words");
            if (pass >= 0) {
                mine[pass] = texts.size() / ((b - a) / 1e9);
                theirs[pass] = texts.size() / ((c - b) / 1e9);
            }
        }
        double[] ratio = new double[7];
        for (int i = 0; i < 7; i++) ratio[i] = mine[i] / theirs[i];
        String section = String.format(Locale.ROOT, """
                ## Japanese: MeCab word segmentation, bert4j vs the mecab binary (IPADIC)

                Command: `./mvnw -o -q -B -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/deps.cp`, then \
                `java -cp "bench/target/classes:$(cat /tmp/deps.cp)" dev.bert4j.bench.JapaneseSegmentationBenchmark` \
                (needs `scripts/data/manpages-ja.sh` and \
                Debian's `mecab` with `mecab-ipadic-utf8`).

                Corpus: the %d manpages-ja sentences after NFKC; words identical on every one before timing. One \
                thread, one sentence at a time (`WordSegmenter.segment`); mecab 0.996 (Debian) gets all sentences as \
                lines through a pipe and writes only the words (`-Owakati`), process start included (about a \
                millisecond). 2 warm-up and 7 timed passes, \
                interleaved. Dictionary load: %.0f ms for bert4j (IPADIC from kuromoji-ipadic, read from the jar).

                | | median sentences/s | min | max |
                |---|---|---|---|
                | bert4j MeCab, 1 thread | %.0f | %.0f | %.0f |
                | mecab binary through a pipe | %.0f | %.0f | %.0f |

                Ratio bert4j / mecab (per interleaved pass): median %.2f×, min %.2f×, max %.2f×. %s; load average \
                %.2f before the timed passes, %.2f after.
                """, texts.size(), loadMs, Report.median(mine), Report.min(mine), Report.max(mine),
                Report.median(theirs), Report.min(theirs), Report.max(theirs), Report.median(ratio),
                Report.min(ratio), Report.max(ratio), machine(), loadBefore, Report.loadAverage());
        System.out.println(section);
        Report.writeSection(root.resolve("BENCHMARKS.md"), "## Japanese", section);
    }

    private static void check(WordSegmenter ours, List<String> texts, byte[] reference) {
        String[] lines = new String(reference, StandardCharsets.UTF_8).split("\n", -1);
        int line = 0;
        for (String t : texts) {
            StringBuilder theirs = new StringBuilder();
            for (; !lines[line].equals("EOS"); line++) theirs.append(lines[line], 0, lines[line].indexOf('\t')).append('|');
            line++;
            StringBuilder mine = new StringBuilder();
            int[] w = ours.segment(t);
            for (int i = 0; i < w.length; i += 2) mine.append(t, w[i], w[i + 1]).append('|');
            if (!mine.toString().equals(theirs.toString())) throw new IllegalStateException("differs on " + t);
        }
    }

    /** Runs mecab over the input; {@code wakati}: words only ({@code -Owakati}), as a tokenizer needs them. */
    private static byte[] mecab(byte[] input, boolean wakati) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mecab", "-d", IPADIC, "-b", "4000000"));
        if (wakati) command.add("-Owakati");
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream os = p.getOutputStream()) {
                os.write(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        writer.join();
        if (p.waitFor() != 0) throw new IllegalStateException("mecab failed");
        return out.toByteArray();
    }

    private static String machine() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "lscpu | sed -n 's/^Model name: *//p' | head -1").start();
        String cpu = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return "CPU: " + cpu + " (`lscpu`), `nproc` " + Runtime.getRuntime().availableProcessors() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
    }
}
