package dev.bert4j.train.data;

/**
 * A dataset file is unreadable, malformed or inconsistent. The message names the file and, where there is one, the
 * 1-based line (for example {@code train.jsonl line 17: "label" is missing}), so the user can fix the file.
 */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a line of a file; {@code file} may be null when the examples' file is not known. */
    static DatasetException at(String file, int line, String problem) {
        return new DatasetException(where(file, line) + problem);
    }

    /** {@code "train.jsonl line 17: "}, or {@code "line 17: "} when the file is not known. */
    static String where(String file, int line) {
        return (file == null ? "" : file + " ") + "line " + line + ": ";
    }
}
