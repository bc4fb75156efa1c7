package dev.bert4j.train.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    @Test
    void writesCsvAndChartsAndReadsTheCsvBack() throws IOException {
        TrainingCurves curves = sampleRun(200);
        List<Path> written = curves.write(dir);
        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("curves.csv", "loss.png", "learning_rate.png", "metrics.png");
        for (String png : List.of("loss.png", "learning_rate.png", "metrics.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        assertThat(Files.readAllLines(dir.resolve("curves.csv")).get(0)).isEqualTo("step,epoch,series,value");

        TrainingCurves back = TrainingCurves.readCsv(dir.resolve("curves.csv"));
        assertThat(back.points()).isEqualTo(curves.points());
        assertThat(back.seriesNames()).containsExactly("train_loss", "learning_rate", "eval_loss", "eval_accuracy",
                "eval_f1");
    }

    @Test
    void aResumedRunContinuesTheCurves() {
        TrainingCurves first = sampleRun(100);
        first.writeCsv(dir.resolve("curves.csv"));
        TrainingCurves resumed = TrainingCurves.readCsv(dir.resolve("curves.csv"));
        resumed.dropAfter(50); // the checkpoint was at step 50
        resumed.add(51, 0.51, "train_loss", 0.7);
        List<CurvePoint> loss = resumed.series("train_loss");
        assertThat(loss.get(loss.size() - 1).step()).isEqualTo(51);
        assertThat(loss).hasSize(51);
        assertThat(resumed.series("eval_loss")).extracting(CurvePoint::step).containsExactly(25L, 50L);
    }

    @Test
    void withoutEvalMetricsThereIsNoMetricsChart() {
        TrainingCurves curves = new TrainingCurves();
        curves.add(1, 0.1, "train_loss", 2.0);
        curves.add(2, 0.2, "train_loss", Double.NaN); // kept in the CSV, left out of the chart
        assertThat(curves.write(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("curves.csv", "loss.png");
        assertThat(TrainingCurves.readCsv(dir.resolve("curves.csv")).points().get(1).value()).isNaN();
    }

    @Test
    void smoothingIsADebiasedMovingAverage() {
        // first value as is; second: (0.9 * 0.1 * 1 + 0.1 * 3) / (1 - 0.81) = 0.39 / 0.19
        List<CurvePoint> s = CurveCharts.smoothed(List.of(new CurvePoint(1, 0, "train_loss", 1),
                new CurvePoint(2, 0, "train_loss", 3)));
        assertThat(s.get(0).value()).isCloseTo(1.0, within(1e-12));
        assertThat(s.get(1).value()).isCloseTo(0.39 / 0.19, within(1e-12));
    }

    @Test
    void badFilesAndNamesAreClearErrors() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "step,epoch,series,value\n1,0.1,train_loss\n");
        assertThatThrownBy(() -> TrainingCurves.readCsv(bad)).hasMessageContaining("line 2");
        Files.writeString(bad, "x,y\n");
        assertThatThrownBy(() -> TrainingCurves.readCsv(bad)).hasMessageContaining("first line");
        assertThatThrownBy(() -> new TrainingCurves().add(1, 0, "a,b", 1)).hasMessageContaining("commas");
    }

    /** A plausible run: noisy falling loss, linear warm-up and decay, evaluation every 25 steps. */
    private static TrainingCurves sampleRun(int steps) {
        TrainingCurves c = new TrainingCurves();
        java.util.Random rnd = new java.util.Random(1);
        for (int s = 1; s <= steps; s++) {
            double epoch = s / 100.0;
            c.add(s, epoch, "train_loss", 2.0 * Math.exp(-s / 60.0) + 0.3 + 0.15 * rnd.nextGaussian());
            c.add(s, epoch, "learning_rate", s < 20 ? 5e-5 * s / 20 : 5e-5 * (steps - s) / (steps - 20.0));
            if (s % 25 == 0) {
                c.add(s, epoch, "eval_loss", 2.0 * Math.exp(-s / 70.0) + 0.4);
                c.add(s, epoch, "eval_accuracy", 0.9 - 0.5 * Math.exp(-s / 50.0));
                c.add(s, epoch, "eval_f1", 0.85 - 0.5 * Math.exp(-s / 50.0));
            }
        }
        return c;
    }
}
