package dev.bert4j.train;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForSequenceClassification;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.train.data.DatasetException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fine-tuning end to end on a tiny model: it learns, checkpoints load, runs repeat and resume exactly. */
public class TrainerTest {
    @TempDir
    static Path shared;
    static Path model;
    static Path train;
    static Path eval;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyModels.write(shared.resolve("tiny"));
        train = shared.resolve("train.jsonl");
        eval = shared.resolve("eval.jsonl");
        Files.write(train, reviews(160, 1));
        Files.write(eval, reviews(40, 2));
    }

    /** Sentences whose label is given by one word among neutral ones. */
    public static List<String> reviews(int n, long seed) {
        String[] good = {"great", "wonderful", "excellent", "lovely"};
        String[] bad = {"awful", "terrible", "boring", "dreadful"};
        String[] filler = {"the", "film", "was", "plot", "actors", "and", "story", "quite", "really", "it"};
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            StringBuilder s = new StringBuilder();
            int len = 3 + r.nextInt(8);
            int at = r.nextInt(len);
            for (int k = 0; k < len; k++) {
                s.append(k == at ? (pos ? good : bad)[r.nextInt(4)] : filler[r.nextInt(filler.length)]).append(' ');
            }
            lines.add("{\"text\": \"" + s.toString().strip() + "\", \"label\": \"" + (pos ? "pos" : "neg") + "\"}");
        }
        return lines;
    }

    static TrainingArguments args(int epochs, long saveSteps) {
        return new TrainingArguments(epochs, 0, 3e-3, 16, 1, 32, 0.1, 0, 0.01, 1.0, "linear", 7, 0, saveSteps,
                null, 0, 8, 2);
    }

    static FineTuning.Request request(Path out, TrainingArguments a, boolean resume) {
        return new FineTuning.Request(TaskName.TEXT_CLASSIFICATION, model, "tiny", train, eval, out, null, resume, a);
    }

    @Test
    void learnsATextClassifierWhosePipelineLoadsTheCheckpoint() {
        Path out = shared.resolve("learn");
        List<String> messages = new ArrayList<>();
        FineTuning.Result result = FineTuning.run(request(out, args(6, 0), false), new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        });
        assertThat(result.steps()).isEqualTo(60);
        assertThat(result.lastMetrics().get("accuracy")).isGreaterThan(0.9);
        assertThat(messages.getFirst()).contains("new weights").contains("bert.pooler.dense.weight", "classifier.weight");
        assertThat(out.resolve("loss.png")).exists();
        assertThat(out.resolve("curves.csv")).exists();
        assertThat(out.resolve("vocab.txt")).exists();
        assertThat(out.resolve("tokenizer_config.json")).exists();
        ModelDirectory dir = ModelDirectory.open(out);
        assertThat(dir.config().architectures()).containsExactly("BertForSequenceClassification");
        assertThat(dir.config().id2label()).isEqualTo(Map.of(0, "neg", 1, "pos"));
        assertThat(TaskHeads.load(dir)).isInstanceOf(BertForSequenceClassification.class);
        TextClassificationPipeline p = TextClassificationPipeline.load(out);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            assertThat(p.run(ctx, "the story was wonderful", TextClassificationOptions.DEFAULTS).getFirst().label())
                    .isEqualTo("pos");
            assertThat(p.run(ctx, "it was really dreadful", TextClassificationOptions.DEFAULTS).getFirst().label())
                    .isEqualTo("neg");
        }
    }

    @Test
    void aRunRepeatsBitForBitAndAResumedRunFollowsTheSameCurve() throws IOException {
        Path a = shared.resolve("straight");
        Path b = shared.resolve("again");
        Path c = shared.resolve("crashed");
        FineTuning.run(request(a, args(2, 4), false), new TrainingListener() { });
        FineTuning.run(request(b, args(2, 4), false), new TrainingListener() { });
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThatThrownBy(() -> FineTuning.run(request(c, args(2, 4), false), new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == 14) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        })).hasMessage("simulated crash");
        assertThat(c.resolve("checkpoint-12")).isDirectory();
        FineTuning.run(request(c, args(2, 4).withThreads(1), true), new TrainingListener() { });
        assertThat(Files.readAllBytes(c.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readString(c.resolve("curves.csv"))).isEqualTo(Files.readString(a.resolve("curves.csv")));
    }

    @Test
    void theFinalModelIsStagedAndAStagingFolderOfAKilledRunIsRemoved() throws IOException {
        Path out = shared.resolve("staged");
        FineTuning.run(request(out, args(1, 2), false), new TrainingListener() { });
        Path stale = Files.createDirectories(out.resolve(".final.tmp-999999999-dead"));  // as a kill -9 leaves it
        Files.writeString(stale.resolve("model.safetensors"), "half written");
        Files.writeString(out.resolve(".final.tmp-999999999-dead.lock"), "");     // no process holds its lock
        FineTuning.run(request(out, args(1, 2), true), new TrainingListener() { });
        try (var names = Files.list(out)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList())
                    .contains("model.safetensors", "config.json")
                    .noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void refusesBadInputBeforeWritingAnything() throws IOException {
        Path empty = Files.writeString(shared.resolve("empty.jsonl"), "");
        Path out = shared.resolve("never");
        assertThatThrownBy(() -> FineTuning.run(new FineTuning.Request(TaskName.TEXT_CLASSIFICATION, model, "tiny",
                empty, null, out, null, false, args(1, 0)), new TrainingListener() { }))
                .isInstanceOf(DatasetException.class);
        Path unknown = Files.writeString(shared.resolve("unknown.jsonl"), "{\"text\": \"x\", \"label\": \"meh\"}\n");
        assertThatThrownBy(() -> FineTuning.run(new FineTuning.Request(TaskName.TEXT_CLASSIFICATION, model, "tiny",
                train, unknown, out, null, false, args(1, 0)), new TrainingListener() { }))
                .isInstanceOf(DatasetException.class).hasMessageContaining("meh");
        assertThat(out).doesNotExist();
        Path other = shared.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("run.json"), "{}");
        assertThatThrownBy(() -> FineTuning.run(request(other, args(1, 0), false), new TrainingListener() { }))
                .isInstanceOf(TrainingException.class).hasMessageContaining("already holds a training run");
        assertThatThrownBy(() -> FineTuning.run(request(shared.resolve("nothing"), args(1, 0), true),
                new TrainingListener() { })).hasMessageContaining("no checkpoint to resume");
    }
}
