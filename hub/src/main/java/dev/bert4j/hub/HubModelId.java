package dev.bert4j.hub;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Hub model repository, as written on the command line: {@code name}, {@code org/name}, each with an
 * optional {@code @revision} (branch, tag or commit hash; default {@code main}).
 *
 * <p>The characters allowed follow the Hub's own rules for repository ids (letters, digits, {@code -},
 * {@code _}, {@code .}; starting and ending with a letter, digit or {@code _}; no {@code --} or
 * {@code ..}; at most 96 characters per part), which also keeps
 * the id safe to use as a cache folder name.
 *
 * @param namespace the user or organization, or empty for legacy un-namespaced ids such as
 *     {@code bert-base-uncased}
 * @param name the repository name
 * @param revision the branch, tag or commit hash
 */
public record HubModelId(Optional<String> namespace, String name, String revision) {
    /** The revision used when none is given, as in huggingface_hub. */
    public static final String DEFAULT_REVISION = "main";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,254}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubModelId {
        Objects.requireNonNull(namespace, "namespace");
        namespace.ifPresent(ns -> checkPart(ns, "organization"));
        checkPart(name, "name");
        checkRevision(revision);
    }

    /**
     * Parses {@code [org/]name[@revision]}.
     *
     * @throws IllegalArgumentException with the accepted syntax when {@code text} is not a valid id
     */
    public static HubModelId parse(String text) {
        Objects.requireNonNull(text, "text");
        String repo = text.strip();
        String revision = DEFAULT_REVISION;
        int at = repo.indexOf('@');
        if (at >= 0) {
            revision = repo.substring(at + 1);
            repo = repo.substring(0, at);
            if (revision.isEmpty()) {
                throw invalid(text, "the revision after '@' is empty");
            }
        }
        String[] parts = repo.split("/", -1);
        try {
            return switch (parts.length) {
                case 1 -> new HubModelId(Optional.empty(), parts[0], revision);
                case 2 -> new HubModelId(Optional.of(parts[0]), parts[1], revision);
                default -> throw new IllegalArgumentException("it has more than one '/'");
            };
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** Whether {@code text} has the shape of a Hub id (used to tell ids from local paths). */
    public static boolean looksLikeHubId(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code org/name} or {@code name}, as used in Hub URLs. */
    public String repoId() {
        return namespace.map(ns -> ns + "/" + name).orElse(name);
    }

    /** The cache folder name used by huggingface_hub: {@code models--org--name}. */
    public String cacheFolderName() {
        return "models--" + repoId().replace("/", "--");
    }

    /** This repository at another revision. */
    public HubModelId withRevision(String newRevision) {
        return new HubModelId(namespace, name, newRevision);
    }

    /** Whether the revision is already a full commit hash (needs no {@code refs/} lookup). */
    public boolean revisionIsCommit() {
        return isCommitHash(revision);
    }

    static boolean isCommitHash(String text) {
        return text != null && COMMIT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return DEFAULT_REVISION.equals(revision) ? repoId() : repoId() + "@" + revision;
    }

    private static void checkPart(String part, String what) {
        Objects.requireNonNull(part, what);
        if (!PART.matcher(part).matches() || part.contains("--") || part.contains("..")) {
            throw new IllegalArgumentException("the " + what + " '" + part + "' must be 1-96 letters, digits,"
                    + " '-', '_' or '.', start and end with a letter, digit or '_', and contain no '--' or '..'");
        }
    }

    private static void checkRevision(String revision) {
        Objects.requireNonNull(revision, "revision");
        boolean badSegment = false;
        for (String segment : revision.split("/", -1)) {
            badSegment |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (!REVISION.matcher(revision).matches() || badSegment || revision.contains("..")) {
            throw new IllegalArgumentException("the revision '" + revision + "' must be a branch, tag or commit"
                    + " hash made of letters, digits, '-', '_', '.' and '/' (no empty, '.' or '..' parts)");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a Hub model id (" + why
                + "); expected name, org/name, or either followed by @revision, e.g. google-bert/bert-base-uncased@main");
    }
}
