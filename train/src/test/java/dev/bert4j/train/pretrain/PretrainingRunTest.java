package dev.bert4j.train.pretrain;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.train.FineTuning;
import dev.bert4j.train.TaskName;
import dev.bert4j.train.TinyModels;
import dev.bert4j.train.TrainingArguments;
import dev.bert4j.train.TrainingException;
import dev.bert4j.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pre-training a tiny BERT from scratch (MLM + NSP) and continuing masked-LM training of one. */
class PretrainingRunTest {
    private static final String[][] PLACES = {{"france", "paris", "french"}, {"germany", "berlin", "german"},
        {"spain", "madrid", "spanish"}, {"italy", "rome", "italian"}, {"russia", "moscow", "russian"},
        {"japan", "tokyo", "japanese"}, {"china", "beijing", "chinese"}, {"egypt", "cairo", "arabic"}};
    private static final String[] TEMPLATES = {"the capital of %1$s is %2$s .", "%2$s lies in %1$s .",
        "people in %2$s speak %3$s .", "the %3$s language is spoken in %1$s .", "%2$s is a large city in %1$s ."};

    @TempDir
    static Path dir;
    static Path tiny;
    static Path train;
    static Path eval;

    @BeforeAll
    static void setUp() throws IOException {
        tiny = TinyModels.write(dir.resolve("tiny"));
        train = Files.write(dir.resolve("train.txt"), corpus(60, 1));
        eval = Files.write(dir.resolve("eval.txt"), corpus(12, 2));
    }

    /** Documents about one country each, one sentence per line, a blank line between documents. */
    static List<String> corpus(int docs, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            String[] p = PLACES[r.nextInt(PLACES.length)];
            for (int s = 0; s < 6; s++) {
                lines.add(String.format(TEMPLATES[r.nextInt(TEMPLATES.length)], p[0], p[1], p[2]));
            }
            lines.add("");
        }
        return lines;
    }

    private static TrainingArguments args() {
        return new TrainingArguments(20, 0, 2e-3, 16, 1, 48, 0.05, 0, 0.01, 1.0, "linear", 5, 0, 0, null, 0, 8, 2);
    }

    @Test
    void aTinyBertFromScratchLearnsFarBelowTheUnigramBaselineAndFillsMasksWithItsWords() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), TinyModels.config().toJson());
        Path out = dir.resolve("scratch");
        List<String> messages = new ArrayList<>();
        FineTuning.Result r = FineTuning.run(new FineTuning.Request(TaskName.PRETRAINING, null, "scratch", train, eval,
                out, null, false, args(), new FineTuning.Pretraining(config, tiny, false, 0.15, 0.1)),
                new TrainingListener() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                });
        assertThat(messages.getFirst()).contains("a new model");
        assertThat(r.lastMetrics()).containsKeys("mlm_loss", "mlm_accuracy", "perplexity", "nsp_accuracy",
                "unigram_baseline");
        assertThat(r.lastMetrics().get("mlm_loss")).isLessThan(r.lastMetrics().get("unigram_baseline") - 1.0);
        assertThat(r.lastMetrics().get("nsp_accuracy")).isGreaterThan(0.6);
        assertThat(ModelDirectory.open(out).config().architectures()).containsExactly("BertForPreTraining");
        FillMaskPipeline fill = FillMaskPipeline.load(out);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            var top = fill.run(ctx, "the capital of france is [MASK] .", FillMaskOptions.DEFAULTS).getFirst();
            assertThat(top).hasSize(5);
            String words = String.join(" ", corpus(60, 1));
            assertThat(top).allSatisfy(p -> assertThat(words).contains(p.tokenStr()));   // only words it was taught
        }
    }

    @Test
    void continuesMaskedLmTrainingOfAModelAndChecksTheConfigAgainstTheTokenizer() throws IOException {
        FineTuning.Result r = FineTuning.run(new FineTuning.Request(TaskName.MASKED_LM, tiny, "tiny", train, eval,
                dir.resolve("mlm"), null, false, args().withMaxSteps(30),
                new FineTuning.Pretraining(null, null, true, 0.15, 0.1)), new TrainingListener() { });
        assertThat(r.steps()).isEqualTo(30);
        assertThat(r.lastMetrics()).containsKeys("mlm_loss", "perplexity").doesNotContainKey("nsp_accuracy");
        Path wrong = Files.writeString(dir.resolve("wrong.json"), TinyModels.config().toJson()
                .replace("30522", "1000"));
        assertThatThrownBy(() -> FineTuning.run(new FineTuning.Request(TaskName.PRETRAINING, null, "x", train, null,
                dir.resolve("never"), null, false, args(), new FineTuning.Pretraining(wrong, tiny, false, 0.15, 0.1)),
                new TrainingListener() { })).isInstanceOf(TrainingException.class).hasMessageContaining("vocab_size");
    }

    @Test
    void aPreTrainingRunCrashedAndResumedEndsWithTheSameWeightsAndCurve() throws IOException {
        Path config = Files.writeString(dir.resolve("config-resume.json"), TinyModels.config().toJson());
        FineTuning.Pretraining scratch = new FineTuning.Pretraining(config, tiny, true, 0.15, 0.1);
        TrainingArguments a = new TrainingArguments(1, 12, 2e-3, 8, 2, 48, 0, 2, 0.01, 1.0, "linear", 5, 0, 4, null, 0,
                8, 2);
        Path straight = dir.resolve("pt-straight");
        Path crashed = dir.resolve("pt-crashed");
        FineTuning.run(new FineTuning.Request(TaskName.PRETRAINING, null, "s", train, null, straight, null, false, a,
                scratch), new TrainingListener() { });
        assertThatThrownBy(() -> FineTuning.run(new FineTuning.Request(TaskName.PRETRAINING, null, "s", train, null,
                crashed, null, false, a, scratch), new TrainingListener() {
                    @Override
                    public void onStep(StepReport report) {
                        if (report.step() == 6) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }
                })).hasMessage("simulated crash");
        FineTuning.run(new FineTuning.Request(TaskName.PRETRAINING, null, "s", train, null, crashed, null, true, a,
                scratch), new TrainingListener() { });
        assertThat(Files.readAllBytes(crashed.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
        assertThat(Files.readString(crashed.resolve("curves.csv"))).isEqualTo(Files.readString(straight.resolve("curves.csv")));
    }
}
