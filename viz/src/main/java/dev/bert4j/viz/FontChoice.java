package dev.bert4j.viz;

import java.awt.Font;
import java.util.List;
import java.util.Optional;

/**
 * The font charts are drawn with, and what it cannot show.
 *
 * @param font     the chosen font (12 pt plain)
 * @param missing  the texts (tokens, titles) with characters the font has no glyph for; empty when it shows them all
 */
public record FontChoice(Font font, List<String> missing) {
    /** Debian packages with the glyphs most often missing: Chinese, Japanese and Korean; most other scripts. */
    public static final String PACKAGES =
            "fonts-noto-cjk (or fonts-ipafont-gothic for Japanese only) and fonts-noto-core";

    public FontChoice {
        missing = List.copyOf(missing);
    }

    /** A warning to show the user when some text cannot be drawn (its characters come out as empty boxes). */
    public Optional<String> warning() {
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> shown = missing.stream().limit(5).toList();
        return Optional.of("no installed font can draw every token: " + String.join(", ", shown.stream()
                .map(s -> "'" + s + "'").toList()) + (missing.size() > shown.size() ? " and " + (missing.size()
                - shown.size()) + " more" : "") + " will show empty boxes in the PNG charts (the HTML page and the"
                + " JSON are not affected); install a font with those characters, on Debian for instance "
                + PACKAGES + " (then check with 'fc-list')");
    }
}
