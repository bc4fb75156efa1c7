package dev.bert4j.tokenizers;

import java.util.List;
import java.util.Random;

/** Seeded generator of varied texts for parity tests; nothing is hand-picked to pass. */
final class TextGenerator {
    private static final List<String> WORDS = List.of("the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
            "tokenization", "unbelievable", "Transformers", "BERT", "don't", "I'm", "they're", "we've", "it's",
            "Hello", "World", "running", "embeddings", "café", "naïve", "Ångström", "façade", "résumé", "Zürich",
            "straße", "ΣΊΣΥΦΟΣ", "ὀδυσσεύς", "İstanbul", "ﬁnancial", "Kelvin", "\u212A", "Привет", "мир", "שלום",
            "مرحبا", "नमस्ते", "ภาษาไทย", "東京", "日本語のテキスト", "カタカナ", "한국어", "中文分词", "𠀀𠀁", "😀", "👍🏽",
            "👨‍👩‍👧", "🇫🇷", "e\u0301", "a\u0308\u0301", "o\u0323\u0302", "\u0301x", "U.S.A.", "e-mail", "#hashtag",
            "@user", "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "[mask]", "[ MASK ]", "3.14159", "1,000,000",
            "-42", "1e-9", "https://example.com/path?q=1&x=y#frag", "john.doe@example.org", "C++", "x86_64",
            "«quoted»", "„Zitat“", "¿Qué?", "¡Hola!", "…", "—", "½", "²", "①", "Ⅻ", "ǅ", "ﬀ", "ß", "ẞ", "ΐ", "ǰ");
    private static final int[] ODD = {0x0, 0x1, 0x7, 0x8, 0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1F, 0x7F, 0x80, 0x85, 0x9F,
            0xA0, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x2066,
            0x3000, 0x1680, 0x180E, 0xFEFF, 0xFFFD, 0xFFFC, 0xE000, 0xF8FF, 0x0378, 0x0530, 0xE0001, 0xE0041,
            0xF0000, 0x10FFFD, 0x1D173, 0x1F3FB, 0x0600, 0x06DD, 0x070F, 0x110BD};

    private final Random random;

    TextGenerator(long seed) {
        random = new Random(seed);
    }

    /** A text of roughly {@code 0..maxWords} pieces mixing every kind of trouble. */
    String text(int maxWords) {
        int n = random.nextInt(maxWords + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            appendPiece(sb);
            appendSeparator(sb);
        }
        return sb.toString();
    }

    private void appendSeparator(StringBuilder sb) {
        int r = random.nextInt(20);
        if (r < 14) sb.append(' ');
        else if (r < 16) sb.append(random.nextBoolean() ? ". " : ", ");
        else if (r < 18) sb.appendCodePoint(ODD[random.nextInt(ODD.length)]);
        // else: glued to the next piece
    }

    private void appendPiece(StringBuilder sb) {
        int r = random.nextInt(100);
        if (r < 45) {
            sb.append(WORDS.get(random.nextInt(WORDS.size())));
        } else if (r < 55) {
            String w = WORDS.get(random.nextInt(WORDS.size()));
            sb.append(random.nextBoolean() ? w.toUpperCase(java.util.Locale.ROOT) : w);
        } else if (r < 62) {
            sb.appendCodePoint(randomScript());
            sb.appendCodePoint(randomScript());
        } else if (r < 70) {
            sb.appendCodePoint('a' + random.nextInt(26));
            for (int k = random.nextInt(4); k >= 0; k--) sb.appendCodePoint(0x300 + random.nextInt(0x70));
        } else if (r < 76) {
            sb.appendCodePoint(ODD[random.nextInt(ODD.length)]);
        } else if (r < 82) {
            sb.appendCodePoint(anyCodePoint());
        } else if (r < 85) {
            int len = 95 + random.nextInt(12);
            for (int k = 0; k < len; k++) sb.append((char) ('a' + random.nextInt(3)));
        } else if (r < 88) {
            int len = 98 + random.nextInt(5);
            for (int k = 0; k < len; k++) sb.appendCodePoint(random.nextBoolean() ? 'x' : 0x1F600 + random.nextInt(40));
        } else if (r < 94) {
            sb.append(random.nextInt(1_000_000)).append(random.nextBoolean() ? "." + random.nextInt(100) : "");
        } else {
            sb.appendCodePoint(0x21 + random.nextInt(0x5E));
        }
    }

    private int randomScript() {
        int[][] ranges = {{0x4E00, 0x9FFF}, {0x3040, 0x30FF}, {0xAC00, 0xD7A3}, {0x20000, 0x2A6DF}, {0xF900, 0xFAFF},
                {0x0400, 0x04FF}, {0x0370, 0x03FF}, {0x0590, 0x06FF}, {0x0900, 0x0DFF}, {0x1F300, 0x1F6FF},
                {0xFF00, 0xFFEF}, {0x2000, 0x2BFF}, {0x1E00, 0x1FFF}, {0x00C0, 0x024F}, {0x2B740, 0x2B93F}};
        int[] range = ranges[random.nextInt(ranges.length)];
        return range[0] + random.nextInt(range[1] - range[0] + 1);
    }

    /** Any code point but a surrogate: assigned or not, private use, any plane. */
    private int anyCodePoint() {
        while (true) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : random.nextInt(0x30000);
            if (cp < 0xD800 || cp > 0xDFFF) return cp;
        }
    }

    Random random() {
        return random;
    }
}
