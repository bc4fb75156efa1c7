package dev.bert4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Tells errors a user can fix (bad files, text, options) from bugs, and words them. */
final class Errors {
    private Errors() {}

    static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException
                || e instanceof IOException
                || e.getClass().getPackageName().startsWith("dev.bert4j") && e instanceof RuntimeException;
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
