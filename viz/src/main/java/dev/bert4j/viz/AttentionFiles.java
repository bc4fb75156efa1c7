package dev.bert4j.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link AttentionReport} into a folder: {@value #PAGE} (self-contained), {@value #JSON} (the numbers
 * behind every picture), one PNG heat map per layer and head under {@code heatmaps/}, {@value AttentionCharts#ENTROPY}
 * and {@value AttentionCharts#ROLLOUT}.
 */
public final class AttentionFiles {
    public static final String PAGE = "attention.html";
    public static final String JSON = "attention.json";

    private AttentionFiles() {
    }

    public static WrittenFiles write(AttentionReport report, Path dir) {
        List<Path> files = new ArrayList<>();
        files.add(writeString(dir.resolve(PAGE), AttentionPage.html(report)));
        Path json = dir.resolve(JSON);
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            AttentionJson.write(report, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e, e);
        }
        files.add(json);
        FontChoice font = ChartFonts.choose(report.tokens());
        files.add(AttentionCharts.rollout(report, dir.resolve(AttentionCharts.ROLLOUT), font.font()));
        files.add(AttentionCharts.entropy(report, dir.resolve(AttentionCharts.ENTROPY), font.font()));
        files.addAll(AttentionCharts.heatmaps(report, dir, font.font()));
        return new WrittenFiles(files, font.warning().stream().toList());
    }

    /** Creates the folder if needed and writes {@code text} as UTF-8. */
    static Path writeString(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }
}
