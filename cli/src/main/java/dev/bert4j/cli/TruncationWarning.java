package dev.bert4j.cli;

import java.io.PrintWriter;

/** The one warning every model command prints on standard error when a text was cut at the model's limit. */
final class TruncationWarning {
    private static final int SHOWN_CHARS = 40;

    private TruncationWarning() {
    }

    static void print(PrintWriter err, String text, int tokens) {
        String head = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        err.println("warning: truncated to " + tokens + " tokens (the model's limit): \"" + head + "\"");
    }
}
