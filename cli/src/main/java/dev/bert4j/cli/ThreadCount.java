package dev.bert4j.cli;

/**
 * The one rule for {@code --threads}: 1 up to {@value #PER_PROCESSOR} times the available processors (the
 * default is one per processor). More threads than that only wait for a core while spinning, so a larger
 * number is almost surely a typo (10,000 for 10) and is refused rather than silently clamped.
 */
final class ThreadCount {
    static final int PER_PROCESSOR = 4;

    private ThreadCount() {
    }

    /** The requested count, checked; the number of available processors when none was requested. */
    static int resolve(Integer requested) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (requested == null) {
            return processors;
        }
        int max = PER_PROCESSOR * processors;
        if (requested < 1 || requested > max) {
            throw new IllegalArgumentException("--threads must be between 1 and " + max + " (" + PER_PROCESSOR
                    + " per available processor; this machine has " + processors + "), got " + requested);
        }
        return requested;
    }
}
