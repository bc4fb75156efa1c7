package dev.bert4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.nn.ComputeContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The folder {@code bert4j attention} writes: page, JSON and PNG charts, for a pair with Japanese and markup. */
class AttentionFilesTest {
    static final String TEXT = "The cat sat on the mat.";
    static final String PAIR = "東京は日本の首都です。 </script><b>&amp;";
    @TempDir
    static Path dir;
    static AttentionReport report;
    static WrittenFiles written;

    @BeforeAll
    static void write() {
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            report = AttentionReport.of(MiniLm.model(), ctx, TEXT, PAIR);
        }
        written = AttentionFiles.write(report, dir);
    }

    @Test
    void jsonHoldsEveryNumberOfTheReport() throws IOException {
        JsonNode json = new ObjectMapper().readTree(dir.resolve(AttentionFiles.JSON).toFile());
        assertThat(json.get("text").asText()).isEqualTo(TEXT);
        assertThat(json.get("text_pair").asText()).isEqualTo(PAIR);
        assertThat(json.get("tokens")).hasSize(report.tokens().size());
        assertThat(json.get("num_layers").asInt()).isEqualTo(6);
        assertThat(json.get("num_heads").asInt()).isEqualTo(12);
        int T = report.tokens().size();
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 12; h++) {
                for (int i = 0; i < T; i++) {
                    for (int j = 0; j < T; j++) {
                        assertThat(json.get("attentions").get(l).get(h).get(i).get(j).floatValue())
                                .isEqualTo(report.attention(l, h, i, j));
                    }
                }
            }
        }
        JsonNode head = json.get("heads").get(5 * 12 + 3);
        assertThat(head.get("layer").asInt()).isEqualTo(5);
        assertThat(head.get("head").asInt()).isEqualTo(3);
        assertThat(head.get("entropy").asDouble()).isEqualTo(report.head(5, 3).entropy());
        assertThat(head.get("cls_share").asDouble()).isEqualTo(report.head(5, 3).clsShare());
        for (int i = 0; i < T; i++) {
            assertThat(json.get("rollout").get(i).asDouble()).isEqualTo(report.rollout()[i]);
        }
    }

    @Test
    void pageIsSelfContainedAndEmbedsTheJson() throws IOException {
        String html = Files.readString(dir.resolve(AttentionFiles.PAGE));
        // nothing that makes a browser load anything: no src or href, no CSS url() or @import, no fetch or XHR
        assertThat(html).doesNotContainPattern("(?i)\\b(src|href)\\s*=").doesNotContain("url(", "@import", "fetch(",
                "XMLHttpRequest", "import(");
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"attention-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        // the pair's "</script>" did not end the data early: the embedded JSON is the file's JSON, "<" escaped
        String embedded = m.group(1);
        assertThat(embedded).doesNotContain("<");
        assertThat(new ObjectMapper().readTree(embedded))
                .isEqualTo(new ObjectMapper().readTree(dir.resolve(AttentionFiles.JSON).toFile()));
        assertThat(html).contains("<title>Attention: The cat sat on the mat.</title>");
    }

    @Test
    void pngChartsAreWrittenForEveryLayerAndHead() throws IOException {
        assertThat(written.warnings()).as("the tokens need a Japanese font (fonts-ipafont-gothic)").isEmpty();
        assertThat(written.files()).hasSize(2 + 2 + 72);
        int T = report.tokens().size();
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 12; h++) {
                Path png = dir.resolve(AttentionCharts.heatmapName(l, h));
                assertThat(written.files()).contains(png);
                if (l == 0 && h == 0 || l == 5 && h == 11) {
                    assertDrawn(png, T * 28);
                }
            }
        }
        assertDrawn(dir.resolve(AttentionCharts.ROLLOUT), 500);
        assertDrawn(dir.resolve(AttentionCharts.ENTROPY), 12 * 36);
    }

    /** A PNG at least {@code minWidth} wide with both white and dark (drawn) pixels. */
    private static void assertDrawn(Path png, int minWidth) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(minWidth);
        boolean white = false;
        boolean dark = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                white |= rgb == 0xffffff;
                dark |= ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 200;
            }
        }
        assertThat(white && dark).as("%s has a white background and drawn marks", png).isTrue();
    }
}
