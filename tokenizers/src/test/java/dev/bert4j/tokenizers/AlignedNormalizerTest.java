package dev.bert4j.tokenizers;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aligned normalization against the JDK's {@link Normalizer} on random strings of characters that compose,
 * decompose, expand, reorder or are malformed: the text is always exactly the JDK's, and every character's span
 * lies inside the input, never going backwards, and covers input that normalizes to text containing it.
 */
class AlignedNormalizerTest {
    private static final String[] POOL = {"a", "e", "A", "\u0301", "\u0323", "\u0334", "\u0345", "\u0344", "\u3099",
            "\u309A", "か", "ｶ", "ﾞ", "ﾟ", "ハ", "㍿", "ﬁ", "\u1100", "\u1161", "\u11A8", "가", "\u0F73", "Å", "\u212B",
            "①", "\uD835\uDEBA", "\uD800", "\uDC00", "ǅ", "ẛ", " ", "\u3000", "Ⅻ", "ｱ", "😀", "ᄀ", "\u0308", "ö"};

    @Test
    void textEqualsTheJdkAndSpansCoverTheirSource() {
        Random random = new Random(11);
        int fallbacks = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) sb.append(POOL[random.nextInt(POOL.length)]);
            String s = sb.toString();
            for (Normalizer.Form form : new Normalizer.Form[] {Normalizer.Form.NFC, Normalizer.Form.NFKC, Normalizer.Form.NFD}) {
                NormalizedText in = new NormalizedText(s.length());
                for (int k = 0; k < s.length(); k++) in.append(s.charAt(k), k, k + 1);
                NormalizedText out = new NormalizedText(8);
                AlignedNormalizer.normalize(in, 0, in.length, form, out);
                String expected = Normalizer.normalize(s, form);
                assertThat(out.text(0, out.length)).as("%s of %s", form, s).isEqualTo(expected);
                int lastStart = 0;
                boolean whole = true;
                for (int k = 0; k < out.length; k++) {
                    assertThat(out.srcStart[k]).isGreaterThanOrEqualTo(lastStart).isLessThan(out.srcEnd[k] + 1);
                    assertThat(out.srcEnd[k]).isLessThanOrEqualTo(s.length());
                    String source = Normalizer.normalize(s.substring(out.srcStart[k], out.srcEnd[k]), form);
                    assertThat(source).as("%s: span of '%s' in %s", form, out.chars[k], s).contains(String.valueOf(out.chars[k]));
                    whole &= out.srcStart[k] == 0 && out.srcEnd[k] == s.length();
                    lastStart = out.srcStart[k];
                }
                if (whole && s.codePointCount(0, s.length()) > 1 && out.length > 1) fallbacks++;
            }
        }
        System.out.println("aligned normalization: " + fallbacks + " of 60000 covered the whole input with every character");
    }
}
