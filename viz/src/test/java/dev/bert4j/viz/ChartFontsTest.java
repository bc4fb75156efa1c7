package dev.bert4j.viz;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A font with the glyphs is found for Japanese and other scripts; when none has them, the user is told what to install. */
class ChartFontsTest {
    @Test
    void findsAnInstalledFontForJapaneseAndOtherScripts() {
        List<String> tokens = List.of("[CLS]", "東", "京", "は", "##す", "café", "Ελλάδα", "[SEP]");
        FontChoice choice = ChartFonts.choose(tokens);
        assertThat(choice.missing()).as("no installed font draws these tokens; install a Japanese font, e.g. Debian's"
                + " fonts-ipafont-gothic or fonts-noto-cjk (.ci/run installs fonts-ipafont-gothic); chosen %s",
                choice.font().getFontName()).isEmpty();
        assertThat(choice.warning()).isEmpty();
        for (String t : tokens) {
            assertThat(choice.font().canDisplayUpTo(t)).as(t).isEqualTo(-1);
        }
    }

    @Test
    void saysWhichPackageToInstallWhenNoFontHasTheGlyphs() {
        String unassigned = new String(Character.toChars(0x10FFFD));      // private use: no font has a glyph for it
        FontChoice choice = ChartFonts.choose(List.of("ok", unassigned, "[SEP]"));
        assertThat(choice.missing()).containsExactly(unassigned);
        assertThat(choice.warning()).hasValueSatisfying(w -> assertThat(w).contains("'" + unassigned + "'")
                .contains("fonts-noto-cjk").contains("empty boxes"));
    }

    @Test
    void prefersTheFirstCandidateThatDrawsEverything() {
        Font sans = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 12);
        assertThat(ChartFonts.choose(List.of("abc"), List.of(sans, mono)).font()).isSameAs(sans);
    }
}
