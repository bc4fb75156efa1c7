package dev.bert4j.japanese;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MeCab's {@code char.def} as it applies to each character: the categories it belongs to (a bit mask), its
 * default category (the first one named), and per category whether unknown words are always tried
 * ({@code INVOKE}), whether a run of the category is one unknown word ({@code GROUP}) and up to how many
 * characters make shorter ones ({@code LENGTH}). As in MeCab, a character beyond U+FFFF is looked up as U+0000.
 * Immutable.
 */
final class CharDefinition {
    private final String[] names;
    private final boolean[] invoke;
    private final boolean[] group;
    private final int[] length;
    private final int[] types = new int[65536];
    private final byte[] defaults = new byte[65536];

    /**
     * @param definitions per category: invoke, group, length
     * @param mappings    per BMP character: its categories, or null for DEFAULT
     * @param lines       for characters that more than one char.def line names, the categories of the line MeCab
     *                    keeps (the last), default first: the compiled file only has their union
     */
    CharDefinition(String[] names, int[][] definitions, int[][] mappings, Map<Integer, List<String>> lines, String source) {
        this.names = names.clone();
        int n = names.length;
        if (n == 0 || n > 31 || definitions.length != n) {
            throw new dev.bert4j.tokenizers.TokenizerException(source + ": has " + n + " character categories and "
                    + definitions.length + " definitions");
        }
        invoke = new boolean[n];
        group = new boolean[n];
        length = new int[n];
        for (int c = 0; c < n; c++) {
            int[] d = definitions[c];
            if (d == null || d.length != 3 || d[2] < 0 || d[2] > 15) throw broken(source, "category " + names[c] + " has a bad definition");
            invoke[c] = d[0] != 0;
            group[c] = d[1] != 0;
            length[c] = d[2];
        }
        int dflt = indexOf("DEFAULT", source);
        for (int ch = 0; ch < 65536; ch++) {
            int[] cats = mappings[ch];
            List<String> line = lines.get(ch);
            if (cats != null && cats.length > 1 && line == null) {
                throw broken(source, String.format("U+%04X is in several categories %s and no char.def line says which"
                        + " comes first", ch, Arrays.toString(cats)));
            }
            if (line != null) {
                cats = line.stream().mapToInt(name -> indexOf(name, source)).toArray();
            } else if (cats == null || cats.length == 0) {
                cats = new int[] {dflt};
            }
            int mask = 0;
            for (int c : cats) {
                if (c < 0 || c >= n) throw broken(source, String.format("U+%04X has category %d of %d", ch, c, n));
                mask |= 1 << c;
            }
            types[ch] = mask;
            defaults[ch] = (byte) cats[0];
        }
    }

    private int indexOf(String name, String source) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) return i;
        }
        throw broken(source, "has no character category " + name);
    }

    private static dev.bert4j.tokenizers.TokenizerException broken(String source, String why) {
        return new dev.bert4j.tokenizers.TokenizerException(source + ": " + why);
    }

    /** The table index MeCab uses for a code point: itself in the BMP, 0 beyond it. */
    static int key(int cp) {
        return cp < 65536 ? cp : 0;
    }

    int types(int cp) {
        return types[key(cp)];
    }

    int defaultType(int cp) {
        return defaults[key(cp)];
    }

    boolean invoke(int category) {
        return invoke[category];
    }

    boolean group(int category) {
        return group[category];
    }

    int length(int category) {
        return length[category];
    }

    int categories() {
        return names.length;
    }

    String name(int category) {
        return names[category];
    }

    int category(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) return i;
        }
        return -1;
    }
}
