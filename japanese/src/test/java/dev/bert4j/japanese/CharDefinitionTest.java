package dev.bert4j.japanese;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The character table we build from Kuromoji's compiled file (plus the char.def lines it loses) against IPADIC's own
 * {@code char.def} as Debian ships it, read here with MeCab's rules: a later line replaces an earlier one for the
 * characters it names, its first category is the default, all its categories are the character's types.
 */
class CharDefinitionTest {
    private static final Path CHAR_DEF = Path.of("/usr/share/mecab/dic/ipadic/char.def");

    @Test
    void everyCharacterAsMecabReadsCharDef() throws IOException {
        if (!Files.isRegularFile(CHAR_DEF)) {
            throw new AssertionError(CHAR_DEF + " is missing: install Debian's mecab-ipadic (.ci/run does)");
        }
        CharDefinition ours = DictionaryFiles.load("com/atilika/kuromoji/ipadic", DictionaryFiles.ipadicCharLines()).chars;
        Map<String, int[]> categories = new HashMap<>();
        String[][] table = new String[65536][];
        for (String raw : Files.readAllLines(CHAR_DEF, Charset.forName("EUC-JP"))) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+");
            if (!f[0].startsWith("0x")) {
                categories.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])});
                continue;
            }
            String[] range = f[0].split("\\.\\.");
            int lo = Integer.decode(range[0]);
            int hi = range.length > 1 ? Integer.decode(range[1]) : lo;
            String[] cats = List.of(f).subList(1, f.length).toArray(String[]::new);
            for (int c = lo; c <= hi; c++) table[c] = cats;
        }
        assertThat(ours.categories()).isEqualTo(categories.size());
        for (Map.Entry<String, int[]> e : categories.entrySet()) {
            int c = ours.category(e.getKey());
            assertThat(new int[] {ours.invoke(c) ? 1 : 0, ours.group(c) ? 1 : 0, ours.length(c)}).as(e.getKey())
                    .containsExactly(e.getValue());
        }
        for (int ch = 0; ch < 65536; ch++) {
            String[] cats = table[ch] == null ? new String[] {"DEFAULT"} : table[ch];
            int mask = 0;
            for (String name : cats) mask |= 1 << ours.category(name);
            assertThat(ours.name(ours.defaultType(ch))).as("default category of U+%04X", ch).isEqualTo(cats[0]);
            assertThat(ours.types(ch)).as("categories of U+%04X", ch).isEqualTo(mask);
        }
        assertThat(ours.types(0x1F600)).as("beyond the BMP, MeCab looks up U+0000").isEqualTo(ours.types(0));
    }
}
