package dev.bert4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A page template from the class path with {@code {{NAME}}} slots, filled in one pass (values are never rescanned). */
final class PageTemplate {
    private final String text;

    private PageTemplate(String text) {
        this.text = text;
    }

    static PageTemplate resource(String name) {
        return new PageTemplate(read(name));
    }

    /** A text file next to this class, as UTF-8. */
    static String read(String name) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + PageTemplate.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** The page with every slot replaced; a slot without a value is an error. */
    String fill(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + values.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                return out.append(text, at, text.length()).toString();
            }
            int close = text.indexOf("}}", open);
            String name = text.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for the template slot " + name);
            }
            out.append(text, at, open).append(value);
            at = close + 2;
        }
    }

    /** Text as HTML character data or an attribute value. */
    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON made safe inside {@code <script type="application/json">}: every {@code <} (which can only stand inside
     * a JSON string) becomes {@code \u003c}, so no {@code </script>} or {@code <!--} in a token ends the element.
     */
    static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c");
    }
}
