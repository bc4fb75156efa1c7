package dev.bert4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.io.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The folder {@code bert4j positional} writes: page with the formula, the numbers, four heat maps. */
class PositionalFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesThePageTheNumbersAndFourHeatMaps() throws IOException {
        PositionalReport r = PositionalReport.of("all-MiniLM-L6-v2", ModelDirectory.open(MiniLm.dir()).loadModel());
        WrittenFiles written = PositionalFiles.write(r, dir);
        assertThat(written.warnings()).isEmpty();
        assertThat(written.files()).containsExactly(dir.resolve(PositionalFiles.PAGE), dir.resolve(PositionalFiles.JSON),
                dir.resolve(PositionalCharts.LEARNED), dir.resolve(PositionalCharts.LEARNED_SIMILARITY),
                dir.resolve(PositionalCharts.SINUSOIDAL), dir.resolve(PositionalCharts.SINUSOIDAL_SIMILARITY));

        String html = Files.readString(dir.resolve(PositionalFiles.PAGE));
        assertThat(html).contains("PE(pos, 2i) = sin(pos / 10000^(2i/d))", "<math", "384", "511",
                "src=\"" + PositionalCharts.LEARNED + "\"", "src=\"" + PositionalCharts.SINUSOIDAL_SIMILARITY + "\"");
        assertThat(html).doesNotContain("{{", "http:", "https:");

        JsonNode json = new ObjectMapper().readTree(dir.resolve(PositionalFiles.JSON).toFile());
        assertThat(json.get("max_position_embeddings").asInt()).isEqualTo(512);
        assertThat(json.get("position_embeddings")).hasSize(512);
        assertThat(json.get("position_embeddings").get(7).get(100).floatValue()).isEqualTo(r.learned().data()[7 * 384 + 100]);
        for (int p = 0; p < 512; p += 37) {
            assertThat(json.get("position_similarity").get(p).get(p).floatValue()).isEqualTo(1f, org.assertj.core.api
                    .Assertions.within(1e-6f));
        }
        assertThat(json.get("sinusoidal").get(1).get(1).floatValue()).isEqualTo((float) Math.cos(1));

        for (int i = 2; i < 6; i++) {
            BufferedImage png = ImageIO.read(written.files().get(i).toFile());
            assertThat(png.getWidth()).as(written.files().get(i).toString()).isGreaterThan(500);
        }
    }
}
