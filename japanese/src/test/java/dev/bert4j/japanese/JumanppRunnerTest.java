package dev.bert4j.japanese;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.tokenizers.TokenizerException;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Juman++ runner against real analyzers speaking Juman++'s line protocol. Juman++ itself is not in Debian and
 * cannot be downloaded here, and Debian's {@code juman} 7.0 is broken (an empty {@code JUMAN.connect}: it answers
 * {@code EOS} alone), so the stand-in is Debian's MeCab with {@code mecab-jumandic-utf8} (JUMAN's own dictionary)
 * printing JUMAN lines ({@code surface reading lemma pos id subpos id conjtype id conjform id}, unknown words as
 * 未定義語, {@code EOS} after each line), at the path {@code BERT4J_JUMANPP} names (set by this module's pom).
 * A second stand-in in Python writes what MeCab never does: escaped spaces ({@code \␣}), homograph ({@code @ })
 * and comment lines, and dies on request.
 */
class JumanppRunnerTest {
    static final String DIC = "/var/lib/mecab/dic/juman-utf8";
    static final String NODE = "%m %f[5] %f[4] %f[0] 0 %f[1] 0 %f[2] 0 %f[3] 0\\n";
    static final String UNK = "%m %m %m 未定義語 15 その他 1 * 0 * 0\\n";

    @TempDir
    static Path dir;

    @BeforeAll
    static void standIns() throws IOException {
        String named = System.getenv(JumanppRunner.ENV);
        if (named == null) throw new AssertionError(JumanppRunner.ENV + " is unset: run this test through Maven (japanese/pom.xml sets it)");
        if (!Files.isRegularFile(Path.of(DIC, "sys.dic"))) {
            throw new AssertionError(DIC + " is missing: install Debian's mecab-jumandic-utf8 (.ci/run does)");
        }
        Files.createDirectories(Path.of(named).getParent());
        // Juman++ escapes a backslash in a field as \\ (MeCab does not, so sed does it, line by line); entries of
        // jumandic without conjugation fields get Juman's "*"
        script(Path.of(named), "#!/bin/sh\nmecab -b 1048576 -d " + DIC + " --node-format='" + NODE + "' --unk-format='" + UNK
                + "' --eos-format='EOS\\n' | sed -u -e 's/\\\\/\\\\\\\\/g' -e 's/  / * /g'\n");
        script(dir.resolve("words"), """
                #!/usr/bin/env python3
                import sys
                for line in sys.stdin:
                    line = line.rstrip("\\n")
                    if "DIE" in line:
                        sys.exit(3)
                    print("# S-ID:1")
                    word = ""
                    for c in line + "\\0":
                        if c in " \\0":
                            if word:
                                print(f"{word} {word} {word} 名詞 6 普通名詞 1 * 0 * 0 NIL")
                                print(f"@ {word} {word} {word} 名詞 6 普通名詞 1 * 0 * 0 NIL")
                            word = ""
                            if c == " ":
                                print("\\\\\u2423 \\\\\u2423 \\\\\u2423 特殊 1 空白 6 * 0 * 0 NIL")
                        else:
                            word += c
                    print("EOS", flush=True)
                """);
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** MeCab's surfaces for each text as transformers hands it to Juman++ (NFKC, stripped), one run for all. */
    private static List<List<String>> reference(List<String> texts) {
        List<String> lines = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String line : Normalizer.normalize(texts.get(i), Normalizer.Form.NFKC).strip().split("[\r\n]")) {
                if (line.isBlank()) continue;
                lines.add(line);
                owner.add(i);
            }
        }
        String out = run(String.join("\n", lines) + "\n", "mecab", "-b", "1048576", "-d", DIC, "--node-format=%m\\n",
                "--unk-format=%m\\n", "--eos-format=<<EOS>>\\n");
        List<List<String>> words = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) words.add(new ArrayList<>());
        int line = 0;
        for (String w : out.split("\n")) {
            if (w.equals("<<EOS>>")) line++;
            else words.get(owner.get(line)).add(w);
        }
        assertThat(line).isEqualTo(lines.size());
        return words;
    }

    private Tokenizer jumanpp(String options) throws IOException {
        Path d = Files.createTempDirectory(dir, "model");
        Files.write(d.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "東京"));
        Files.writeString(d.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"word_tokenizer_type\": \"jumanpp\", \"do_subword_tokenize\": false" + options + "}");
        return Tokenizer.fromFile(d);
    }

    @Test
    void wordsAreTheAnalyzersSurfacesWithOffsetsIntoTheOriginalText() throws IOException {
        List<String> texts = new ArrayList<>(Sentences.manpages().subList(0, 3000));
        texts.addAll(Sentences.adversarial().stream().filter(s -> !s.contains("[")).toList());
        List<List<String>> expected = reference(texts);
        Tokenizer t = jumanpp("");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Encoding e = t.encode(text);
            assertThat(List.of(e.tokens()).subList(1, e.length() - 1)).as(text).isEqualTo(expected.get(i));
            for (int k = 1; k < e.length() - 1; k++) {
                String covered = Normalizer.normalize(text.substring(e.start(k), e.end(k)), Normalizer.Form.NFKC);
                assertThat(covered).as("offsets of %s in %s", e.tokens()[k], text).contains(e.tokens()[k]);
            }
        }
    }

    @Test
    void oneProcessServesManyTextsFromManyThreads() throws Exception {
        try (JumanppRunner runner = new JumanppRunner(System.getenv(JumanppRunner.ENV))) {
            List<String> texts = Sentences.manpages().subList(5000, 5200);
            List<List<String>> single = texts.stream().map(runner::analyze).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> checks = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    checks.add(pool.submit(() -> {
                        for (int i = 0; i < texts.size(); i++) if (!runner.analyze(texts.get(i)).equals(single.get(i))) return false;
                        return true;
                    }));
                }
                for (Future<Boolean> c : checks) assertThat(c.get()).isTrue();
            } finally {
                pool.shutdown();
            }
            assertThat(runner.starts()).isEqualTo(1);
        }
    }

    @Test
    void escapedSpacesHomographsAndCommentsAreReadAsJumanppWritesThem() {
        try (JumanppRunner runner = new JumanppRunner(dir.resolve("words").toString())) {
            assertThat(runner.analyze("東京 に  行く")).containsExactly("東京", " ", "に", " ", " ", "行く");
        }
        assertThat(JumanppRunner.surface("\\  \\  \\  特殊 1 空白 6 * 0 * 0")).isEqualTo(" ");
        assertThat(JumanppRunner.surface("\\\" \\\" \\\" 特殊 1 括弧始 3 * 0 * 0")).isEqualTo("\"");
    }

    @Test
    void aDeadAnalyzerIsAClearErrorAndTheNextCallRestartsIt() {
        try (JumanppRunner runner = new JumanppRunner(dir.resolve("words").toString())) {
            assertThat(runner.analyze("a b")).containsExactly("a", " ", "b");
            assertThatThrownBy(() -> runner.analyze("DIE now")).isInstanceOf(TokenizerException.class)
                    .hasMessageContaining("stopped while analysing").hasMessageContaining("exit code 3")
                    .hasMessageContaining("next text starts it again");
            assertThat(runner.analyze("c d")).containsExactly("c", " ", "d");
            assertThat(runner.starts()).isEqualTo(2);
        }
    }

    @Test
    void withoutJumanppTheErrorSaysWhatToInstall() throws IOException {
        Path empty = Files.createTempDirectory(dir, "bin");
        assertThatThrownBy(() -> JumanppRunner.locate(Map.of("PATH", empty.toString())))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("install Juman++")
                .hasMessageContaining("https://github.com/ku-nlp/jumanpp").hasMessageContaining("BERT4J_JUMANPP");
        assertThatThrownBy(() -> JumanppRunner.locate(Map.of("BERT4J_JUMANPP", empty.resolve("nope").toString())))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("nope").hasMessageContaining("not an executable");
        script(empty.resolve("jumanpp"), "#!/bin/sh\n");
        assertThat(JumanppRunner.locate(Map.of("PATH", "/nonexistent:" + empty))).isEqualTo(empty.resolve("jumanpp").toString());
    }

    @Test
    void jumanppKwargsOutsideTransformersAreRefused() {
        assertThatThrownBy(() -> jumanpp(", \"jumanpp_kwargs\": {\"jumanpp_option\": \"-s\"}"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("jumanpp_kwargs.jumanpp_option");
    }

    static String run(String input, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    os.write(input.getBytes(StandardCharsets.UTF_8));
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
            throw new AssertionError("cannot run " + command[0] + ": install Debian's mecab (.ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
