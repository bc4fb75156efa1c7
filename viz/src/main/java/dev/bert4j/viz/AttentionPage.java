package dev.bert4j.viz;

import java.util.Map;

/**
 * The attention page of an {@link AttentionReport}: one self-contained HTML file that works offline (its script,
 * styles and numbers are inside it; it loads nothing), with a head view, a model view and the summaries.
 *
 * <p>The numbers are embedded as the same JSON that {@link AttentionJson} writes beside it, so the page also works
 * when opened from a {@code file:} URL (where browsers refuse to fetch a neighbouring file).
 */
public final class AttentionPage {
    private static final PageTemplate TEMPLATE = PageTemplate.resource("attention.html");
    private static final String CSS = PageTemplate.read("attention.css");
    private static final String JS = PageTemplate.read("attention.js");

    private AttentionPage() {
    }

    public static String html(AttentionReport report) {
        return TEMPLATE.fill(Map.of(
                "TITLE", PageTemplate.escapeHtml("Attention: " + shorten(report.text())),
                "CSS", CSS,
                "JS", JS,
                "DATA", PageTemplate.scriptSafeJson(AttentionJson.toJson(report))));
    }

    private static String shorten(String text) {
        return text.codePointCount(0, text.length()) <= 60 ? text
                : text.substring(0, text.offsetByCodePoints(0, 57)) + "...";
    }
}
