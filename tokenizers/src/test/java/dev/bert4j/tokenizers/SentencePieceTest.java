package dev.bert4j.tokenizers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SentencePiece models against Debian's {@code sentencepiece} (0.1.97): Unigram and BPE models trained here with
 * {@code spm_train} (default {@code nmt_nfkc} normalization) on Japanese sentences from manpages-ja and Europarl
 * lines, then held-out texts and adversarial inputs encoded by {@code spm_encode} and by us: identical pieces and
 * ids on every text, and offsets that cover each piece's original text.
 */
class SentencePieceTest {
    @TempDir
    static Path dir;
    static List<String> train;
    static List<String> test;

    /** The Japanese sentences of manpages-ja, made by {@code scripts/data/manpages-ja.sh}. */
    static List<String> japaneseSentences() throws IOException {
        Path ja = Path.of("..", "data", "manpages-ja", "sentences.txt");
        if (!Files.isRegularFile(ja)) {
            throw new AssertionError(ja.toAbsolutePath().normalize() + " is missing: run scripts/data/manpages-ja.sh"
                    + " (it needs Debian's manpages-ja; .ci/run does both)");
        }
        return Files.readAllLines(ja, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void corpus() throws IOException {
        List<String> sentences = japaneseSentences();
        List<String> europarl = Corpus.europarlLines(4500);
        train = new ArrayList<>(sentences.subList(0, 6000));
        train.addAll(europarl.subList(0, 1500));
        test = new ArrayList<>(sentences.subList(6000, 16_000));
        test.addAll(europarl.subList(1500, 4500));
        test.addAll(List.of("", " ", "   先頭と末尾の空白   ", "ＡＢＣＤ１２３４ａｂｃ", "ｶﾀｶﾅﾊﾝｶｸｶﾞｷﾞｸﾞ", "全角　スペース",
                "絵文字😀を含む🎉文章👍", "𠮷野家で𩸽を食べた", "龘靐齉鱻麤", "x  y   z", "tab\there", "①②③ ⅠⅡⅢ ㍿",
                "か\u3099き\u3099", "Ünïcödé ñ ç", "1,000,000 and 3.14", "a".repeat(300), "日本語".repeat(200)));
        Files.write(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
    }

    private static Path trained(String type) {
        Path prefix = dir.resolve(type);
        if (Files.exists(dir.resolve(type + ".model"))) return dir.resolve(type + ".model");
        run(null, "spm_train", "--input=" + dir.resolve("train.txt"), "--model_prefix=" + prefix, "--vocab_size=4000",
                "--model_type=" + type, "--character_coverage=0.9995", "--minloglevel=2");
        return dir.resolve(type + ".model");
    }

    private static List<String> spmEncode(Path model, String format) {
        String out = run(String.join("\n", test) + "\n", "spm_encode", "--model=" + model, "--output_format=" + format);
        return Arrays.asList(out.split("\n", -1)).subList(0, test.size());
    }

    private void compare(String type) {
        Path model = trained(type);
        SentencePieceModel ours = SentencePieceModel.fromFile(model);
        List<String> pieces = spmEncode(model, "piece");
        List<String> ids = spmEncode(model, "id");
        for (int i = 0; i < test.size(); i++) {
            String text = test.get(i);
            List<SentencePieceModel.Piece> encoded = ours.encode(text);
            assertThat(String.join(" ", encoded.stream().map(SentencePieceModel.Piece::piece).toList())).as(text)
                    .isEqualTo(pieces.get(i));
            assertThat(String.join(" ", encoded.stream().map(p -> String.valueOf(p.id())).toList())).as(text)
                    .isEqualTo(ids.get(i));
            int last = 0;
            for (SentencePieceModel.Piece p : encoded) {
                assertThat(p.start()).as("offsets never go backwards").isGreaterThanOrEqualTo(last)
                        .isLessThanOrEqualTo(p.end());
                assertThat(p.end()).isLessThanOrEqualTo(text.length());
                String original = text.substring(p.start(), p.end());
                String piece = p.piece().replace('\u2581', ' ').strip();
                if (p.id() != ours.unkId() && Normalizer.isNormalized(original, Normalizer.Form.NFKC) && !piece.isEmpty()) {
                    assertThat(original).as("offsets of %s in %s", p.piece(), text).contains(piece);
                }
                last = p.start();
            }
        }
    }

    @Test
    void unigramEqualsSpmEncode() {
        compare("unigram");
    }

    @Test
    void bpeEqualsSpmEncode() {
        compare("bpe");
    }

    @Test
    void brokenModelFilesAreRefusedNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(trained("unigram"));
        for (int cut : new int[] {1, 7, 100, good.length / 2}) {
            Path broken = dir.resolve("cut" + cut + ".model");
            Files.write(broken, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> SentencePieceModel.fromFile(broken)).isInstanceOf(TokenizerException.class)
                    .hasMessageContaining(broken.toString());
        }
        Path garbage = dir.resolve("garbage.model");
        Files.write(garbage, new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        assertThatThrownBy(() -> SentencePieceModel.fromFile(garbage)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("garbage.model");
    }

    /** Runs a Debian sentencepiece tool; a missing tool is a failure that says what to install. */
    static String run(String input, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    if (input != null) os.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            writer.join();
            if (p.waitFor() != 0) throw new AssertionError(command[0] + " failed");
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": install Debian's sentencepiece (.ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
