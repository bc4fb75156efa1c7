package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a MeCab dictionary from the files Kuromoji compiled from MeCab's own sources and ships on Maven Central
 * ({@code com.atilika.kuromoji:kuromoji-ipadic}: mecab-ipadic-2.7.0-20070801; {@code kuromoji-unidic}:
 * unidic-mecab-2.1.2). Our reader, not Kuromoji's code:
 * each file is untrusted input, read whole under a size limit, with every count checked.
 *
 * <p>One thing the compiled files lose: a character that several {@code char.def} lines name gets the union of
 * their categories, sorted by name, where MeCab keeps only the last line, default category first. The lines MeCab
 * keeps for those characters are given per dictionary here (18 characters for IPADIC), and loading fails if the
 * files hold any other such character; a test compares the whole table with Debian's {@code char.def}.
 */
final class DictionaryFiles {
    /** Larger than any file of the dictionaries read (UniDic's connection costs take 71.5 MB). */
    private static final int MAX_FILE_BYTES = 128 << 20;

    private DictionaryFiles() {}

    /**
     * IPADIC's {@code char.def} lines for the characters more than one line names. UniDic 2.1.2's {@code char.def}
     * derives from IPADIC's (only {@code KANJINUMERIC}'s INVOKE differs): its compiled file merges exactly the same
     * 18 characters into exactly the same unions, and these lines are used for it too.
     */
    static Map<Integer, List<String>> ipadicCharLines() {
        Map<Integer, List<String>> m = new HashMap<>();
        m.put(0x00D0, List.of("ALPHA"));                    // 0x00C0..0x00FF ALPHA, after 0x00D0 SPACE
        m.put(0x3005, List.of("SYMBOL"));                   // 0x3000..0x303F SYMBOL, after 0x3005 KANJI
        m.put(0x3007, List.of("SYMBOL", "KANJINUMERIC"));   // the last line of the file
        for (int c : new int[] {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
                0x767E, 0x5343, 0x4E07, 0x5104, 0x5146}) {
            m.put(c, List.of("KANJINUMERIC", "KANJI"));     // 一 二 三 ... 兆: "0x4E00 KANJINUMERIC KANJI"
        }
        return m;
    }

    static MecabDictionary load(String resourceDir, Map<Integer, List<String>> charLines) {
        DoubleArrayTrie trie = DoubleArrayTrie.read(file(resourceDir, "doubleArrayTrie.bin"));
        BinaryData target = file(resourceDir, "tokenInfoTargetMap.bin");
        int[] index = target.readInts(target.readCount(4, "the target map index"), "the target map index");
        int[] words = target.readInts(target.readCount(4, "the target map words"), "the target map words");
        short[][] info = tokenInfo(file(resourceDir, "tokenInfoDictionary.bin"));
        BinaryData costs = file(resourceDir, "connectionCosts.bin");
        int size = costs.readInt();
        int bytes = costs.readCount(1, "the connection costs");
        if (size <= 0 || (long) size * size * 2 != bytes) {
            throw costs.broken("a " + size + " x " + size + " matrix does not take " + bytes + " bytes");
        }
        short[] matrix = costs.readShorts(size * size, "the connection costs");
        BinaryData charFile = file(resourceDir, "characterDefinitions.bin");
        int[][] definitions = sparse(charFile, "the category definitions");
        int[][] mappings = sparse(charFile, "the character mappings");
        if (mappings.length != 65536) throw charFile.broken("maps " + mappings.length + " characters, not 65536");
        String[] names = new String[charFile.readCount(2, "the category names")];
        for (int i = 0; i < names.length; i++) names[i] = charFile.readUtf("a category name");
        CharDefinition chars = new CharDefinition(names, definitions, mappings, charLines, charFile.source());
        int[][] unknown = unknown(file(resourceDir, "unknownDictionary.bin"), names.length);
        return new MecabDictionary(trie, index, words, info, size, matrix, chars, unknown, resourceDir);
    }

    /** Left id, right id and cost of each word: a header of five ints, then fixed-size entries. */
    private static short[][] tokenInfo(BinaryData in) {
        int total = in.readCount(1, "the word entries");
        in.readInt();
        int entries = in.readInt();
        int shorts = in.readInt();
        int posBytes = in.readInt();
        int features = in.readInt();
        long entrySize = 2L * shorts + posBytes + 4L * features;
        if (entries < 0 || shorts < 3 || posBytes < 0 || features < 0 || entrySize * entries + 20 != total) {
            throw in.broken("word entry layout " + entries + " x (" + shorts + ", " + posBytes + ", " + features
                    + ") does not fill " + total + " bytes");
        }
        int start = in.position();
        short[][] out = new short[3][entries];
        for (int w = 0; w < entries; w++) {
            int at = start + (int) (w * entrySize);
            for (int k = 0; k < 3; k++) out[k][w] = in.getShort(at + 2 * k);
        }
        return out;
    }

    /** Kuromoji's sparse 2-D int array: a length, then (index, array) pairs ended by a negative index. */
    private static int[][] sparse(BinaryData in, String what) {
        int n = in.readInt();
        if (n < 0 || n > 65536) throw in.broken(what + " has " + n + " rows");
        int[][] out = new int[n][];
        int row;
        while ((row = in.readInt()) >= 0) {
            if (row >= n) throw in.broken(what + " has row " + row + " of " + n);
            out[row] = in.readInts(in.readCount(4, what), what);
        }
        return out;
    }

    private static int[][] unknown(BinaryData in, int categories) {
        int n = in.readCount(4, "the unknown-word costs");
        int[][] costs = new int[n][];
        for (int i = 0; i < n; i++) {
            costs[i] = in.readInts(in.readCount(4, "an unknown-word entry"), "an unknown-word entry");
            if (costs[i].length != 3) throw in.broken("unknown-word entry " + i + " has " + costs[i].length + " values, not 3");
        }
        int m = in.readCount(4, "the unknown-word categories");
        if (m != categories) throw in.broken("has unknown words for " + m + " categories, char.def has " + categories);
        int[][] out = new int[m][];
        for (int c = 0; c < m; c++) {
            int[] refs = in.readInts(in.readCount(4, "an unknown-word category"), "an unknown-word category");
            List<Integer> flat = new ArrayList<>();
            for (int r : refs) {
                if (r < 0 || r >= n) throw in.broken("category " + c + " names unknown-word entry " + r + " of " + n);
                for (int v : costs[r]) flat.add(v);
            }
            out[c] = flat.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static BinaryData file(String dir, String name) {
        String path = dir + "/" + name;
        try (InputStream in = DictionaryFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new TokenizerException(path + ": not on the class path; the MeCab dictionary comes from the"
                        + " com.atilika.kuromoji:kuromoji-ipadic artifact, a dependency of bert4j-japanese");
            }
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) throw new TokenizerException(path + ": is larger than any dictionary file");
            return new BinaryData(bytes, path);
        } catch (IOException e) {
            throw new TokenizerException(path + ": cannot read: " + e.getMessage(), e);
        }
    }
}
