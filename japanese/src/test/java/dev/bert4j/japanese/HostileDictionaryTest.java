package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dictionary files are untrusted: a broken one is a {@link TokenizerException} naming it, never a crash. */
class HostileDictionaryTest {
    private static BinaryData data(ByteBuffer b) {
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return new BinaryData(bytes, "broken.bin");
    }

    @Test
    void trieSizesThatDoNotMatchTheFileAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(64).put((byte) 1).putInt(1 << 30).putInt(5);
        assertThatThrownBy(() -> DoubleArrayTrie.read(data(b))).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("broken.bin").hasMessageContaining("do not match");
        ByteBuffer sparse = ByteBuffer.allocate(64).put((byte) 0).putInt(1).putInt(0);
        assertThatThrownBy(() -> DoubleArrayTrie.read(data(sparse))).hasMessageContaining("compact");
    }

    @Test
    void countsRunningPastTheEndAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(16).putInt(Integer.MAX_VALUE).putInt(7);
        BinaryData d = data(b);
        assertThatThrownBy(() -> d.readCount(4, "the target map")).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("the target map says 2147483647 entries");
        BinaryData shortFile = data(ByteBuffer.allocate(4).put((byte) 1).put((byte) 2));
        assertThatThrownBy(shortFile::readInt).hasMessageContaining("ends inside an integer");
    }

    @Test
    void idsOutsideTheirTablesAreRefused() {
        DoubleArrayTrie trie = DoubleArrayTrie.read(data(ByteBuffer.allocate(64).put((byte) 1).putInt(2).putInt(0)
                .putInt(1).putInt(0).putInt(0).putInt(0)));
        CharDefinition chars = new CharDefinition(new String[] {"DEFAULT"}, new int[][] {{0, 1, 0}},
                new int[65536][], Map.of(), "chars");
        short[][] info = {{0, 5}, {0, 0}, {0, 0}};
        assertThatThrownBy(() -> new MecabDictionary(trie, new int[] {-1}, new int[0], info, 2, new short[4], chars,
                new int[][] {{}}, "dic")).isInstanceOf(TokenizerException.class).hasMessageContaining("context ids 5/0");
        short[][] fine = {{0}, {0}, {0}};
        assertThatThrownBy(() -> new MecabDictionary(trie, new int[] {0}, new int[] {1, 9}, fine, 2, new short[4],
                chars, new int[][] {{}}, "dic")).hasMessageContaining("names word 9 of 1");
    }

    @Test
    void charactersInSeveralCategoriesNeedTheLineMecabKeeps() {
        int[][] mappings = new int[65536][];
        mappings[0x4E00] = new int[] {0, 1};
        assertThatThrownBy(() -> new CharDefinition(new String[] {"DEFAULT", "KANJI"}, new int[][] {{0, 1, 0}, {0, 0, 2}},
                mappings, Map.of(), "chars")).isInstanceOf(TokenizerException.class).hasMessageContaining("U+4E00");
        new CharDefinition(new String[] {"DEFAULT", "KANJI"}, new int[][] {{0, 1, 0}, {0, 0, 2}}, mappings,
                Map.of(0x4E00, List.of("KANJI", "DEFAULT")), "chars");
    }

    @Test
    void unsupportedMecabOptionsAreRefused() {
        assertThatThrownBy(() -> new MecabProvider().open(Map.of("mecab_dic", "unidic"), "tokenizer_config.json"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("mecab_dic").hasMessageContaining("unidic");
        assertThatThrownBy(() -> new MecabProvider().open(Map.of("mecab_option", "-d /usr/lib/dic"), "cfg"))
                .hasMessageContaining("mecab_option");
        assertThatThrownBy(() -> new MecabProvider().open(Map.of("dic", "x"), "cfg")).hasMessageContaining("mecab_kwargs.dic");
    }
}
