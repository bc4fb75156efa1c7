package dev.bert4j.train;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
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

/** Token classification, question answering and multiple choice trained end to end on a tiny model. */
class TaskTrainingTest {
    private static final String[] CITIES = {"paris", "london", "berlin", "madrid", "rome", "vienna", "prague", "oslo"};
    private static final String[] WORDS = {"the", "train", "left", "for", "today", "and", "we", "went", "to", "slowly"};

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void setUp() {
        model = TinyModels.write(dir.resolve("tiny"));
    }

    private static TrainingArguments args(int epochs) {
        return new TrainingArguments(epochs, 0, 3e-3, 16, 1, 48, 0.1, 0, 0.0, 1.0, "linear", 3, 0, 0, null, 0, 8, 2);
    }

    /** Sentences where city names are B-LOC and everything else O. */
    private static List<String> conll(int n, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int len = 4 + r.nextInt(6);
            for (int i = 0; i < len; i++) {
                boolean city = r.nextInt(4) == 0;
                lines.add(city ? CITIES[r.nextInt(CITIES.length)] + "\tB-LOC" : WORDS[r.nextInt(WORDS.length)] + "\tO");
            }
            lines.add("");
        }
        return lines;
    }

    @Test
    void tokenClassificationLearnsEntitiesAndTheNerPipelineFindsThem() throws IOException {
        Path train = Files.write(dir.resolve("ner-train.conll"), conll(200, 1));
        Path eval = Files.write(dir.resolve("ner-eval.conll"), conll(40, 2));
        Path out = dir.resolve("ner");
        FineTuning.Result r = FineTuning.run(new FineTuning.Request(TaskName.TOKEN_CLASSIFICATION, model, "tiny", train,
                eval, out, null, false, args(4)), new TrainingListener() { });
        assertThat(r.lastMetrics()).containsKeys("precision", "recall", "f1", "accuracy", "loss");
        assertThat(r.lastMetrics().get("f1")).isGreaterThan(0.9);
        TokenClassificationPipeline ner = TokenClassificationPipeline.load(out);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            var entities = ner.run(ctx, "we went to berlin today", TokenClassificationOptions.DEFAULTS);
            assertThat(entities).extracting(e -> e.word()).contains("berlin");
        }
    }

    @Test
    void questionAnsweringTrainsAndEvaluatesThroughTheQaPipeline() throws IOException {
        StringBuilder json = new StringBuilder("{\"version\": \"1.1\", \"data\": [{\"title\": \"t\", \"paragraphs\": [");
        Random r = new Random(4);
        for (int i = 0; i < 160; i++) {
            String city = CITIES[r.nextInt(CITIES.length)];
            String context = "we went to " + WORDS[r.nextInt(WORDS.length)] + " and then the train left for " + city
                    + " today";
            json.append(i == 0 ? "" : ",").append("{\"context\": \"").append(context).append("\", \"qas\": [{\"id\": \"q")
                    .append(i).append("\", \"question\": \"where did the train go?\", \"answers\": [{\"text\": \"")
                    .append(city).append("\", \"answer_start\": ").append(context.indexOf(" for " + city) + 5)
                    .append("}]}]}");
        }
        json.append("]}]}");
        Path data = Files.writeString(dir.resolve("qa.json"), json.toString());
        Path out = dir.resolve("qa");
        FineTuning.Result res = FineTuning.run(new FineTuning.Request(TaskName.QUESTION_ANSWERING, model, "tiny", data,
                data, out, null, false, args(6)), new TrainingListener() { });
        assertThat(res.lastMetrics()).containsKeys("exact_match", "f1", "loss");
        assertThat(res.lastMetrics().get("exact_match")).isGreaterThan(80.0);
        QuestionAnsweringPipeline qa = QuestionAnsweringPipeline.load(out);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            assertThat(qa.run(ctx, "where did the train go?", "we went to it and then the train left for oslo today",
                    qa.defaultOptions()).getFirst().answer()).isEqualTo("oslo");
        }
    }

    @Test
    void multipleChoicePicksTheChoiceWithTheCity() throws IOException {
        Random r = new Random(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            int answer = r.nextInt(3);
            List<String> choices = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                choices.add("\"" + WORDS[r.nextInt(WORDS.length)] + " " + (c == answer ? CITIES[r.nextInt(CITIES.length)]
                        : WORDS[r.nextInt(WORDS.length)]) + "\"");
            }
            lines.add("{\"text\": \"the train left for\", \"choices\": [" + String.join(", ", choices) + "], \"label\": "
                    + answer + "}");
        }
        Path data = Files.write(dir.resolve("mc.jsonl"), lines);
        FineTuning.Result res = FineTuning.run(new FineTuning.Request(TaskName.MULTIPLE_CHOICE, model, "tiny", data,
                data, dir.resolve("mc"), null, false, args(5)), new TrainingListener() { });
        assertThat(res.lastMetrics().get("accuracy")).isGreaterThan(0.8);
    }
}
