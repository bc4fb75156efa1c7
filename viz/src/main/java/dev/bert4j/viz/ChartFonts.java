package dev.bert4j.viz;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds an installed font that can draw given texts. Java2D draws text only with the fonts the system has, so a
 * Japanese token needs a font with Japanese glyphs: the logical {@code SansSerif} font is tried first (on Linux it
 * combines several fonts, through fontconfig), then every installed family by name.
 */
public final class ChartFonts {
    public static final int SIZE = 12;

    private ChartFonts() {
    }

    /** The first installed font that draws all {@code texts}; else the one that draws the most, with what it cannot. */
    public static FontChoice choose(List<String> texts) {
        return choose(texts, installed());
    }

    /** As {@link #choose(List)}, among {@code candidates} in order of preference. */
    public static FontChoice choose(List<String> texts, List<Font> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalStateException("Java finds no font at all; install one, e.g. Debian's fonts-dejavu-core");
        }
        FontChoice best = null;
        for (Font f : candidates) {
            List<String> missing = texts.stream().filter(t -> f.canDisplayUpTo(t) >= 0).distinct().toList();
            if (best == null || missing.size() < best.missing().size()) {
                best = new FontChoice(f, missing);
            }
            if (missing.isEmpty()) {
                break;
            }
        }
        return best;
    }

    /** {@code SansSerif}, then every installed family in alphabetical order, all plain at {@link #SIZE} points. */
    public static List<Font> installed() {
        List<Font> out = new ArrayList<>();
        out.add(new Font(Font.SANS_SERIF, Font.PLAIN, SIZE));
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        Arrays.stream(families).sorted().forEach(f -> out.add(new Font(f, Font.PLAIN, SIZE)));
        return out;
    }
}
