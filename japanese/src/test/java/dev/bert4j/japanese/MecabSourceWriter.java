package dev.bert4j.japanese;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a dictionary we read back out as MeCab dictionary sources ({@code dic.csv}, {@code matrix.def},
 * {@code char.def}, {@code unk.def}, {@code dicrc}), so that Debian's {@code mecab-dict-index} compiles it and the
 * real {@code mecab} can be run on exactly the data our tokenizer uses: the reference for dictionaries (UniDic
 * 2.1.2) whose own MeCab build cannot be had here. Features are written as {@code *}: only surfaces are compared.
 */
final class MecabSourceWriter {
    private MecabSourceWriter() {}

    static void write(MecabDictionary dic, DictionaryDump dump, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("dic.csv"), StandardCharsets.UTF_8)) {
            for (DictionaryDump.Entry e : dump.entries()) {
                w.write(csv(e.surface()) + "," + dic.leftId[e.word()] + "," + dic.rightId[e.word()] + ","
                        + dic.wordCost[e.word()] + ",*\n");
            }
        }
        int size = dump.matrixSize();
        try (BufferedWriter w = new BufferedWriter(Files.newBufferedWriter(dir.resolve("matrix.def"), StandardCharsets.UTF_8), 1 << 20)) {
            w.write(size + " " + size + "\n");
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < size; r++) {
                for (int l = 0; l < size; l++) {
                    sb.setLength(0);
                    sb.append(r).append(' ').append(l).append(' ').append(dic.connection(r, l)).append('\n');
                    w.write(sb.toString());
                }
            }
        }
        Files.write(dir.resolve("char.def"), charDef(dic.chars), StandardCharsets.UTF_8);
        List<String> unk = new ArrayList<>();
        for (int c = 0; c < dic.unknown.length; c++) {
            int[] u = dic.unknown[c];
            for (int i = 0; i < u.length; i += 3) unk.add(dic.chars.name(c) + "," + u[i] + "," + u[i + 1] + "," + u[i + 2] + ",*");
        }
        Files.write(dir.resolve("unk.def"), unk, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("dicrc"), "cost-factor = 700\nbos-feature = BOS/EOS,*\nconfig-charset = UTF-8\n");
    }

    private static List<String> charDef(CharDefinition chars) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < chars.categories(); c++) {
            out.add(chars.name(c) + " " + (chars.invoke(c) ? 1 : 0) + " " + (chars.group(c) ? 1 : 0) + " " + chars.length(c));
        }
        int dflt = chars.category("DEFAULT");
        int start = 0;
        for (int ch = 1; ch <= 65536; ch++) {
            if (ch < 65536 && chars.types(ch) == chars.types(start) && chars.defaultType(ch) == chars.defaultType(start)) continue;
            int high = Math.min(ch - 1, 0xFFFE);    // MeCab's char.def takes ranges below U+FFFF only
            boolean plain = chars.types(start) == 1 << dflt && chars.defaultType(start) == dflt;
            if (plain || start > high) {
                start = ch;
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("0x%04X..0x%04X %s", start, high,
                    chars.name(chars.defaultType(start))));
            for (int c = 0; c < chars.categories(); c++) {
                if (c != chars.defaultType(start) && (chars.types(start) & (1 << c)) != 0) line.append(' ').append(chars.name(c));
            }
            out.add(line.toString());
            start = ch;
        }
        return out;
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
