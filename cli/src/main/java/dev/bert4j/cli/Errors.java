package dev.bert4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Tells errors a user can fix (bad files, text, options) from bugs, and words them. */
final class Errors {
    private Errors() {}

    /**
     * The system's reason for a file error. The JDK leaves it out of the three commonest (their class is the
     * reason), and a message that is only a path does not tell the user what to fix.
     */
    static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException x -> "already exists";
            case NoSuchFileException n -> "no such file or directory";
            default -> e.getClass().getSimpleName();
        };
    }

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
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getMessage() : f.getMessage() + ": " + reason(f);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
