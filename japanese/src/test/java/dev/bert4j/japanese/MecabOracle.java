package dev.bert4j.japanese;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference: Debian's {@code mecab} with {@code mecab-ipadic-utf8}, run as a subprocess. Each text is one line
 * of its input (a newline inside a text is given as a space, which MeCab skips the same way); the surface of each
 * output line up to {@code EOS} is a word. Missing tools are a failure that says what to install, never a skip.
 */
final class MecabOracle {
    static final Path IPADIC = Path.of("/var/lib/mecab/dic/ipadic-utf8");

    private MecabOracle() {}

    static List<List<String>> words(List<String> texts) {
        requireInstalled();
        return words(IPADIC, texts);
    }

    /** The words {@code mecab} gives with the compiled dictionary in {@code dicdir}. */
    static List<List<String>> words(Path dicdir, List<String> texts) {
        StringBuilder input = new StringBuilder();
        for (String t : texts) input.append(t.replace('\n', ' ')).append('\n');
        byte[] out = run(dicdir, input.toString().getBytes(StandardCharsets.UTF_8));
        List<List<String>> result = new ArrayList<>(texts.size());
        List<String> words = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.equals("EOS")) {
                result.add(words);
                words = new ArrayList<>();
            } else if (!line.isEmpty()) {
                words.add(line.substring(0, line.indexOf('\t')));
            }
        }
        if (result.size() != texts.size()) {
            throw new AssertionError("mecab answered " + result.size() + " sentences for " + texts.size());
        }
        return result;
    }

    static void requireInstalled() {
        if (!Files.isRegularFile(IPADIC.resolve("sys.dic"))) {
            throw new AssertionError(IPADIC + " is missing: this test compares with Debian's MeCab; install it with"
                    + " apt-get install mecab mecab-ipadic-utf8 (.ci/run does)");
        }
    }

    private static byte[] run(Path dicdir, byte[] input) {
        try {
            Process p = new ProcessBuilder("mecab", "-d", dicdir.toString(), "-b", "4000000").start();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    os.write(input);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            writer.join();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("mecab failed: " + new String(errors.join(), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run mecab (" + e.getMessage() + "): install it with apt-get install"
                    + " mecab mecab-ipadic-utf8 (.ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
