package dev.bert4j.pipeline.fillmask;

import java.util.Arrays;
import java.util.List;

/**
 * Fill-mask {@code targets} turned into distinct vocabulary ids, with the warnings Hugging Face logs
 * while doing so (a target replaced by its first sub-token, or ignored). The caller decides where
 * the warnings go (a log, the CLI's standard error); they are never dropped silently.
 *
 * @param ids      distinct token ids, in the order the targets were first resolved; never empty
 * @param warnings human-readable warnings, empty when every target was a vocabulary token
 */
public record ResolvedTargets(int[] ids, List<String> warnings) {

    public ResolvedTargets {
        if (ids.length == 0) {
            throw new IllegalArgumentException("resolved targets must hold at least one id");
        }
        ids = ids.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResolvedTargets that
                && Arrays.equals(ids, that.ids) && warnings.equals(that.warnings);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + warnings.hashCode();
    }

    @Override
    public String toString() {
        return "ResolvedTargets[ids=" + Arrays.toString(ids) + ", warnings=" + warnings + "]";
    }
}
