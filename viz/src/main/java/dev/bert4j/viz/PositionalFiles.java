package dev.bert4j.viz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PositionalReport} into a folder: {@value #PAGE} (the pictures with the sinusoidal formula),
 * {@value #JSON} (the numbers behind them) and the four {@link PositionalCharts} PNGs.
 *
 * <p>{@value #JSON}: {@code {"model", "max_position_embeddings", "hidden_size", "position_embeddings": [P][C],
 * "position_similarity": [P][P], "sinusoidal": [P][C], "sinusoidal_similarity": [P][P]}}.
 */
public final class PositionalFiles {
    public static final String PAGE = "positional.html";
    public static final String JSON = "positional.json";
    private static final PageTemplate TEMPLATE = PageTemplate.resource("positional.html");

    private PositionalFiles() {
    }

    public static WrittenFiles write(PositionalReport report, Path dir) {
        List<Path> files = new ArrayList<>();
        files.add(AttentionFiles.writeString(dir.resolve(PAGE), html(report)));
        files.add(json(report, dir.resolve(JSON)));
        FontChoice font = ChartFonts.choose(List.of(report.model()));
        files.addAll(PositionalCharts.write(report, dir, font.font()));
        return new WrittenFiles(files, font.warning().stream().toList());
    }

    static String html(PositionalReport r) {
        return TEMPLATE.fill(Map.of(
                "MODEL", PageTemplate.escapeHtml(r.model()),
                "POSITIONS", Integer.toString(r.positions()),
                "HIDDEN", Integer.toString(r.hiddenSize()),
                "LAST", Integer.toString(r.positions() - 1),
                "LEARNED", PositionalCharts.LEARNED,
                "SINUSOIDAL", PositionalCharts.SINUSOIDAL,
                "LEARNED_SIMILARITY", PositionalCharts.LEARNED_SIMILARITY,
                "SINUSOIDAL_SIMILARITY", PositionalCharts.SINUSOIDAL_SIMILARITY,
                "JSON", JSON));
    }

    private static Path json(PositionalReport r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("model", r.model());
            g.writeNumberField("max_position_embeddings", r.positions());
            g.writeNumberField("hidden_size", r.hiddenSize());
            matrix(g, "position_embeddings", r.learned());
            matrix(g, "position_similarity", r.learnedSimilarity());
            matrix(g, "sinusoidal", r.sinusoidal());
            matrix(g, "sinusoidal_similarity", r.sinusoidalSimilarity());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
        return file;
    }

    private static void matrix(JsonGenerator g, String name, Tensor t) throws IOException {
        int R = t.dim(0);
        int C = t.dim(1);
        g.writeArrayFieldStart(name);
        for (int r = 0; r < R; r++) {
            g.writeStartArray();
            for (int c = 0; c < C; c++) {
                g.writeNumber(t.data()[r * C + c]);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
