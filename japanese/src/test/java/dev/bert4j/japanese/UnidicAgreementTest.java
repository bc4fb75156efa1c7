package dev.bert4j.japanese;

import dev.bert4j.tokenizers.WordSegmenter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UniDic 2.1.2 ({@code mecab_dic: unidic_lite}), whose MeCab build cannot be had here (Debian ships UniDic 3.1):
 * the dictionary we read from {@code kuromoji-unidic} is written back out as MeCab sources, compiled by Debian's
 * {@code mecab-dict-index} and run by the real {@code mecab}; our words must equal its words. The same round trip
 * of IPADIC must give exactly Debian's own IPADIC's words, which shows the rebuilt dictionary is a faithful
 * reference.
 */
class UnidicAgreementTest {
    private static final Path DICT_INDEX = Path.of("/usr/lib/mecab/mecab-dict-index");

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (String s : Sentences.manpages()) texts.add(Normalizer.normalize(s, Normalizer.Form.NFKC));
        for (String s : Sentences.adversarial()) {
            texts.add(s);
            texts.add(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        return texts;
    }

    /** Our dictionary {@code name} compiled by MeCab's own tools into {@code target/mecab-<name>} (kept between runs). */
    private static Path rebuilt(String name) throws IOException, InterruptedException {
        Path out = Path.of("target", "mecab-" + name);
        if (Files.isRegularFile(out.resolve("sys.dic"))) return out;
        if (!Files.isExecutable(DICT_INDEX)) {
            throw new AssertionError(DICT_INDEX + " is missing: install Debian's mecab-utils (.ci/run does)");
        }
        Path src = Files.createTempDirectory("mecab-src-" + name);
        MecabDictionary dic = DictionaryFiles.load("com/atilika/kuromoji/" + name, DictionaryFiles.ipadicCharLines());
        MecabSourceWriter.write(dic, DictionaryDump.of(dic), src);
        Files.createDirectories(out);
        Process p = new ProcessBuilder(DICT_INDEX.toString(), "-d", src.toString(), "-o", out.toString(), "-f", "UTF-8",
                "-t", "UTF-8").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) throw new AssertionError("mecab-dict-index failed on " + src);
        Files.copy(src.resolve("dicrc"), out.resolve("dicrc"));
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(src);
        return out;
    }

    private static double agreement(String name, WordSegmenter ours, List<List<String>> reference, List<String> texts) {
        int same = 0;
        for (int i = 0; i < texts.size(); i++) {
            int[] w = ours == null ? null : ours.segment(texts.get(i));
            List<String> words = new ArrayList<>();
            for (int k = 0; w != null && k < w.length; k += 2) words.add(texts.get(i).substring(w[k], w[k + 1]));
            if (words.equals(reference.get(i))) {
                same++;
            } else {
                System.out.println("  differs: " + texts.get(i) + " -> " + words + " vs mecab " + reference.get(i));
            }
        }
        System.out.printf("MeCab agreement, %s: %d of %d texts (%.4f%%)%n", name, same, texts.size(), 100.0 * same / texts.size());
        return (double) same / texts.size();
    }

    @Test
    void ipadicRebuiltByMecabToolsEqualsDebiansIpadic() throws Exception {
        MecabOracle.requireInstalled();
        List<String> texts = texts();
        List<List<String>> debian = MecabOracle.words(texts);
        List<List<String>> rebuilt = MecabOracle.words(rebuilt("ipadic"), texts);
        int same = 0;
        for (int i = 0; i < texts.size(); i++) same += debian.get(i).equals(rebuilt.get(i)) ? 1 : 0;
        assertThat(same).as("texts where the rebuilt IPADIC and Debian's agree").isEqualTo(texts.size());
    }

    @Test
    void unidicLiteEqualsMecabOnTheSameDictionary() throws Exception {
        List<String> texts = texts();
        List<List<String>> reference = MecabOracle.words(rebuilt("unidic"), texts);
        WordSegmenter ours = new MecabProvider().open(Map.of("mecab_dic", "unidic_lite"), "test");
        assertThat(agreement("UniDic 2.1.2 (unidic_lite), manpages-ja after NFKC and adversarial", ours, reference, texts))
                .isGreaterThanOrEqualTo(0.995);
    }
}
