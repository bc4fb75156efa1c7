package dev.bert4j.japanese;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test texts: real sentences from Debian's manpages-ja, and adversarial inputs. */
final class Sentences {
    private Sentences() {}

    /** The sentences {@code scripts/data/manpages-ja.sh} extracted; a clear failure when it has not run. */
    static List<String> manpages() {
        Path file = Path.of("..", "data", "manpages-ja", "sentences.txt");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file.toAbsolutePath().normalize() + " is missing: run scripts/data/manpages-ja.sh"
                    + " (it needs Debian's manpages-ja; .ci/run does both)");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 10_000) throw new AssertionError(file + " has only " + lines.size() + " sentences");
            return lines;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Inputs chosen to break a segmenter: widths, spaces, emoji, special tokens, long runs, unknown characters. */
    static List<String> adversarial() {
        List<String> c = new ArrayList<>(List.of(
                "ＡＢＣＤ１２３４ａｂｃ", "ｶﾀｶﾅﾊﾝｶｸｶﾞｷﾞｸﾞ", "全角　スペース　テスト", "絵文字😀を含む🎉文章👍です",
                "東京[MASK]に行く", "東京［ＭＡＳＫ］に行く", "これはMeCabとPythonのテストです", "一二三四五六七八九十百千万億兆",
                "〇々〆ヶ", "龘靐齉鱻麤", "𠮷野家で𩸽を食べた", "Ð は アルファ", "ーーーーー", "・・・", "!!!???",
                "x\ry", "a\u2028b", "a\u200bb", "   先頭と末尾の空白   ", "\t\tタブ\t区切り", "改行\nを含む\n\n文",
                "ΑΒΓ ДЖЗ αβγ", "Ünïcödé ñ ç", "ｱｲｳｴｵ", "㍿㌔㌢", "①②③", "ⅠⅡⅢ", "さんざん迷った挙げ句、結局買わなかった。",
                "か\u3099き\u3099", "\u3000\u3000全角空白", "https://example.com/path?q=1", "user@example.com",
                "2024年12月31日23時59分", "3.14159", "-10℃", "¥1,000", "「」『』【】", "…‥", "ヴァイオリン", "ㇰㇱㇲ",
                "ゟヿ", "Ωmega", "", " ", "\n", "\t \n", "a", "あ", "𠮷", "バグ", "[UNK][CLS][SEP]"));
        c.add("a".repeat(30));
        c.add("ア".repeat(30));
        c.add("漢".repeat(40));
        c.add("あ".repeat(50));
        c.add("1234567890".repeat(5));
        c.add("x".repeat(30) + "あ");
        c.add("test" + "テスト".repeat(10) + "test");
        c.add("漢字".repeat(13));
        c.add("Ａ".repeat(27));
        c.add("😀".repeat(28));
        c.add("ア".repeat(24) + "イ");
        c.add("ア".repeat(25) + "イ");
        c.add("ア".repeat(26));
        c.add("日本語の文章です。".repeat(400));
        return c;
    }
}
