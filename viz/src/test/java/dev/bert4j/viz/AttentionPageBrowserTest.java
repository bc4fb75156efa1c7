package dev.bert4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.nn.ComputeContext;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The attention page in a real browser: Debian's headless Chromium, driven by playwright-core (from npm, installed
 * into {@code target/browser-test} at the version of {@code src/test/browser/package.json}; it never downloads a
 * browser). The page must load with no console error and no request, and the controls must change what is drawn.
 * Needs {@code /usr/bin/chromium} and Node.js with npm: the test fails, naming them, when they are missing.
 */
class AttentionPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String TEXT = "The cat sat on the mat because it was tired.";
    static final String PAIR = "東京は日本の首都です。 <b>&</script>";

    @Test
    void pageLoadsOfflineWithoutErrorsAndTheControlsChangeWhatIsDrawn() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as("this test needs Debian's Chromium at %s: apt-get install chromium"
                + " (.ci/run installs it)", CHROMIUM).isTrue();
        AttentionReport report;
        try (ComputeContext ctx = ComputeContext.inference(1)) {
            report = AttentionReport.of(MiniLm.model(), ctx, TEXT, PAIR);
        }
        Path work = installDriver();
        Path page = AttentionFiles.writeString(work.resolve("page/attention.html"), AttentionPage.html(report));
        Path screenshot = work.resolve("attention-page.png");
        Files.deleteIfExists(screenshot);
        JsonNode r = new ObjectMapper().readTree(run(work, List.of("node", "page-check.mjs",
                page.toAbsolutePath().toString(), screenshot.toAbsolutePath().toString(), CHROMIUM.toString())));

        assertThat(r.get("errors")).as("console errors").isEmpty();
        assertThat(r.get("requests")).as("requests besides the page itself").isEmpty();
        BufferedImage shot = ImageIO.read(screenshot.toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(r.get("text").asText()).isEqualTo(TEXT + "|" + PAIR);
        assertHeadView(r.get("headView"), report);
        assertModelView(r.get("modelView"));
        assertSummaries(r.get("summaries"), report);
    }

    private static void assertHeadView(JsonNode h, AttentionReport report) {
        int T = report.tokens().size();
        int visible = 0;                                   // layer 0, all heads: one line per weight of at least 0.01
        for (int head = 0; head < report.numHeads(); head++) {
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    visible += report.attention(0, head, i, j) >= 0.01f ? 1 : 0;
                }
            }
        }
        assertThat(h.get("lines").asInt()).isEqualTo(visible);
        assertThat(h.get("layer3").asText()).as("another layer draws other lines").isNotEqualTo(h.get("initial").asText());
        assertThat(h.get("layer3WithoutHead0").asText()).as("hiding a head changes the drawing")
                .isNotEqualTo(h.get("layer3").asText());
        assertThat(h.get("head0Lines").asInt()).isZero();
        assertThat(h.get("noHeadLines").asInt()).isZero();
        assertThat(h.get("hoverLines")).as("hovering a token shows only its lines").isNotEmpty()
                .allSatisfy(y -> assertThat(y.asText()).isEqualTo(h.get("hoverY").asText()));
    }

    private static void assertModelView(JsonNode m) {
        assertThat(m.get("cells").asInt()).isEqualTo(72);
        assertThat(m.get("l0h0").asText()).isNotEqualTo(m.get("l0h1").asText()).isNotEqualTo(m.get("l3h0").asText());
        JsonNode big = m.get("enlarged");
        assertThat(big.get("open").asBoolean()).isTrue();
        assertThat(big.get("title").asText()).isEqualTo("Layer 1, head 2");
        assertThat(big.get("width").asInt()).isGreaterThan(200);
        assertThat(m.get("enlargedOther").get("title").asText()).isEqualTo("Layer 4, head 7");
        assertThat(m.get("enlargedOther").get("image").asText()).isNotEqualTo(big.get("image").asText());
    }

    private static void assertSummaries(JsonNode s, AttentionReport report) {
        assertThat(s.get("entropy")).hasSize(72);
        for (int k = 0; k < 72; k++) {
            HeadSummary h = report.heads().get(k);
            assertThat(Double.parseDouble(s.get("entropy").get(k).asText())).isCloseTo(h.entropy(), within(0.0051));
            assertThat(Double.parseDouble(s.get("cls").get(k).asText())).isCloseTo(h.clsShare(), within(0.0051));
        }
        for (int i = 0; i < report.tokens().size(); i++) {
            assertThat(s.get("rollout").get(i).asText())
                    .isEqualTo(String.format(Locale.ROOT, "%.4f", report.rollout()[i]));
        }
    }

    /** {@code target/browser-test} with the driver script and playwright-core (installed once; later runs reuse it). */
    private static Path installDriver() throws IOException, InterruptedException {
        Path src = Path.of("src/test/browser");
        Path dir = Files.createDirectories(Path.of("target/browser-test"));
        for (String f : List.of("package.json", "page-check.mjs")) {
            Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        }
        return dir;
    }

    /** Runs a command in {@code dir}; returns its standard output, failing with its standard error if it fails. */
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.getFirst() + " is needed for this test (Node.js 18 or later with"
                    + " npm, e.g. Debian's nodejs and npm packages): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        assertThat(p.exitValue()).as("%s failed: %s", command, stderr).isZero();
        return out;
    }
}
