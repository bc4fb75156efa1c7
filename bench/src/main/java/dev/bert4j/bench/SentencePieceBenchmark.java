package dev.bert4j.bench;

import dev.bert4j.tokenizers.SentencePieceModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * SentencePiece encoding: bert4j's {@link SentencePieceModel} against Debian's {@code spm_encode} through a pipe, on
 * the manpages-ja sentences ({@code scripts/data/manpages-ja.sh}), with a Unigram model of 8,000 pieces that
 * {@code spm_train} makes from the first 10,000 of them. Ids are checked identical on every sentence first; then 2
 * warm-up and 7 timed passes, interleaved. Each {@code spm_encode} pass starts the process (model load included),
 * writes every sentence as a line and reads all the ids, as a caller through a pipe does. Writes its section at the
 * end of BENCHMARKS.md.
 */
public final class SentencePieceBenchmark {
    private SentencePieceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> texts = Files.readAllLines(root.resolve("data/manpages-ja/sentences.txt"));
        Path work = Files.createTempDirectory("spm-bench");
        Files.write(work.resolve("train.txt"), texts.subList(0, 10_000));
        run(null, "spm_train", "--input=" + work.resolve("train.txt"), "--model_prefix=" + work.resolve("m"),
                "--vocab_size=8000", "--model_type=unigram", "--character_coverage=0.9995", "--minloglevel=2");
        Path model = work.resolve("m.model");
        byte[] input = (String.join("\n", texts) + "\n").getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        SentencePieceModel ours = SentencePieceModel.fromFile(model);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        check(ours, texts, run(input, "spm_encode", "--model=" + model, "--output_format=id"));
        double loadBefore = Report.loadAverage();
        double[] mine = new double[7];
        double[] theirs = new double[7];
        for (int pass = -2; pass < 7; pass++) {
            long a = System.nanoTime();
            long pieces = 0;
            for (String t : texts) pieces += ours.encode(t).size();
            long b = System.nanoTime();
            run(input, "spm_encode", "--model=" + model, "--output_format=id");
            long c = System.nanoTime();
            if (pieces == 0) throw new IllegalStateException("no pieces");
            if (pass >= 0) {
                mine[pass] = texts.size() / ((b - a) / 1e9);
                theirs[pass] = texts.size() / ((c - b) / 1e9);
            }
        }
        double[] ratio = new double[7];
        for (int i = 0; i < 7; i++) ratio[i] = mine[i] / theirs[i];
        String section = String.format(Locale.ROOT, """
                ## SentencePiece encoding, bert4j vs spm_encode

                Command: `./mvnw -o -q -B -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/deps.cp`, then \
                `java -cp "bench/target/classes:$(cat /tmp/deps.cp)" dev.bert4j.bench.SentencePieceBenchmark` \
                (needs `scripts/data/manpages-ja.sh` and Debian's `sentencepiece`).

                Corpus: the %d manpages-ja sentences as written; a Unigram model of 8,000 pieces trained by `spm_train` \
                on the first 10,000 (default `nmt_nfkc`); ids identical on every sentence before timing. One thread, \
                one sentence at a time (`SentencePieceModel.encode`, pieces with offsets); `spm_encode` 0.1.97 \
                (Debian) gets all sentences as lines through a pipe and writes ids, process start and model load \
                included. 2 warm-up and 7 timed passes, interleaved. Model load: %.0f ms for bert4j.

                | | median sentences/s | min | max |
                |---|---|---|---|
                | bert4j SentencePieceModel, 1 thread | %.0f | %.0f | %.0f |
                | spm_encode through a pipe | %.0f | %.0f | %.0f |

                Ratio bert4j / spm_encode (per interleaved pass): median %.2f×, min %.2f×, max %.2f×. %s; load \
                average %.2f before the timed passes, %.2f after.
                """, texts.size(), loadMs, Report.median(mine), Report.min(mine), Report.max(mine),
                Report.median(theirs), Report.min(theirs), Report.max(theirs), Report.median(ratio),
                Report.min(ratio), Report.max(ratio), machine(), loadBefore, Report.loadAverage());
        System.out.println(section);
        Report.writeSection(root.resolve("BENCHMARKS.md"), "## SentencePiece encoding", section);
    }

    private static void check(SentencePieceModel ours, List<String> texts, byte[] reference) {
        String[] lines = new String(reference, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < texts.size(); i++) {
            StringBuilder mine = new StringBuilder();
            for (SentencePieceModel.Piece p : ours.encode(texts.get(i))) {
                if (!mine.isEmpty()) mine.append(' ');
                mine.append(p.id());
            }
            if (!mine.toString().equals(lines[i])) throw new IllegalStateException("ids differ on " + texts.get(i));
        }
    }

    private static byte[] run(byte[] input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream os = p.getOutputStream()) {
                if (input != null) os.write(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        writer.join();
        if (p.waitFor() != 0) throw new IllegalStateException(command[0] + " failed");
        return out.toByteArray();
    }

    private static String machine() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "lscpu | sed -n 's/^Model name: *//p' | head -1").start();
        String cpu = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return "CPU: " + cpu + " (`lscpu`), `nproc` " + Runtime.getRuntime().availableProcessors() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + "; the machine is shared with a training job and other benchmarks, so the numbers are noisy";
    }
}
