package dev.bert4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the benchmarks share: order statistics of repeated timings, the load average, and BENCHMARKS.md sections. */
final class Report {
    private Report() {
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElse(0);
    }

    static double max(double[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    /** The one-minute system load average, to say how busy the shared machine was during a run. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Replaces the section of {@code report} that starts with {@code heading} (up to the next "## "), or
     * appends it; sections stay separated by one blank line.
     */
    static void writeSection(Path report, String heading, String section) throws IOException {
        String doc = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n\n";
        String body = section.strip() + "\n";
        int start = doc.indexOf(heading);
        if (start < 0) {
            doc = doc.stripTrailing() + "\n\n" + body;
        } else {
            int next = doc.indexOf("\n## ", start + 3);
            doc = doc.substring(0, start) + body + (next < 0 ? "" : "\n" + doc.substring(next + 1));
        }
        Files.writeString(report, doc);
    }
}
