package dev.bert4j.hub;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks file paths inside a repository ({@code config.json}, {@code 1_Pooling/config.json}). Such
 * paths come from untrusted files (an index's weight map, {@code modules.json}) and become both URL
 * parts and paths in the cache, so anything that could leave the snapshot folder is refused.
 */
final class RepoPath {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+=@,()\\[\\] -]{1,255}");
    private static final int MAX_LENGTH = 1024;

    private RepoPath() {}

    /**
     * Returns {@code path} unchanged if it is a safe relative path.
     *
     * @throws IllegalArgumentException naming the path and the rule it breaks
     */
    static String check(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("repository file path '" + path + "' is empty or longer than "
                    + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("repository file path '" + path
                    + "' must be relative and use '/' separators");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches() || segment.endsWith(".incomplete")) {
                throw new IllegalArgumentException("repository file path '" + path + "' has an unsafe part '"
                        + segment + "': parts must be non-empty, not '.' or '..', and use letters, digits and"
                        + " ordinary punctuation");
            }
        }
        return path;
    }

    /** Resolves a checked repository path under {@code folder}. */
    static Path resolve(Path folder, String path) {
        Path resolved = folder;
        for (String segment : check(path).split("/")) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }
}
