package dev.bert4j.spark;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The task stages on local[2] against the single-process pipelines on the same rows, with small token budgets
 * and windows so that every partition packs several batches.
 */
class HeadsTest {
    static SparkSession spark;
    static TestModels models;
    static ComputeContext ctx;

    @BeforeAll
    static void setUp() {
        models = TestModels.get();
        spark = LocalSpark.session();
        ctx = ComputeContext.inference(2);
    }

    @AfterAll
    static void tearDown() {
        ctx.close();
    }

    @Test
    void classifierLabelsEqualTheSingleProcessPipelineForTextsAndPairs() {
        List<String> texts = Corpus.texts(90, 13, 21);
        List<String> pairs = Corpus.texts(90, 4, 22);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i), pairs.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType)
                .add("pair", DataTypes.StringType);
        List<Row> out = new Bert4jClassifier().setModelPath(models.classifier.toString()).setPairCol("pair")
                .setTopK(0).setMaxTokensPerBatch(400).setRowsPerWindow(11)
                .transform(spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, 4), schema))
                .collectAsList();

        List<List<LabelScore>> expected = classify(texts, pairs, LabelSelection.all());
        assertThat(out).hasSize(texts.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).getInt(0)).isEqualTo(i);
            if (texts.get(i) == null) {
                assertThat(out.get(i).isNullAt(3)).isTrue();
                continue;
            }
            List<Row> labels = out.get(i).getList(3);
            assertThat(labels).hasSize(3);
            for (int k = 0; k < labels.size(); k++) {
                assertThat(labels.get(k).getString(0)).as("row %d label %d", i, k).isEqualTo(expected.get(i).get(k).label());
                assertThat(labels.get(k).getDouble(1)).isCloseTo(expected.get(i).get(k).score(), within(1e-6));
            }
        }
    }

    @Test
    void classifierDefaultIsTheBestLabel() {
        List<String> texts = Corpus.texts(30, 0, 23);
        List<Row> out = new Bert4jClassifier().setModelPath(models.classifier.toString())
                .transform(LocalSpark.texts(spark, texts, 2)).collectAsList();
        List<List<LabelScore>> expected = classify(texts, null, LabelSelection.best());
        for (int i = 0; i < out.size(); i++) {
            List<Row> labels = out.get(i).getList(2);
            assertThat(labels).hasSize(1);
            assertThat(labels.getFirst().getString(0)).isEqualTo(expected.get(i).getFirst().label());
            assertThat(labels.getFirst().getDouble(1)).isCloseTo(expected.get(i).getFirst().score(), within(1e-6));
        }
    }

    private static List<List<LabelScore>> classify(List<String> texts, List<String> pairs, LabelSelection selection) {
        TextClassificationPipeline p = TextClassificationPipeline.load(models.classifier);
        TextClassificationOptions o = new TextClassificationOptions(selection, FunctionToApply.DEFAULT, true);
        List<List<LabelScore>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(texts.get(i) == null ? null
                    : p.run(ctx, texts.get(i), pairs == null ? null : pairs.get(i), o));
        }
        return out;
    }

    @Test
    void entitiesEqualTheSingleProcessPipelinePerTokenAndGrouped() {
        List<String> texts = Corpus.texts(60, 9, 31).stream()
                .map(t -> t == null ? null : t.toLowerCase(java.util.Locale.ROOT)).toList();
        TokenClassificationPipeline p = TokenClassificationPipeline.load(models.ner);
        for (String strategy : List.of("none", "simple")) {
            // per token: texts cut at the model's 32 tokens; grouped: long texts whole, in windows sharing 8 tokens
            Integer stride = "none".equals(strategy) ? null : 8;
            Bert4jTokenClassifier stage = new Bert4jTokenClassifier().setModelPath(models.ner.toString())
                    .setAggregationStrategy(strategy).setIgnoreLabels().setMaxTokensPerBatch(256).setRowsPerWindow(7);
            stage = stride == null ? stage : stage.setStride(stride);
            List<Row> out = stage.transform(LocalSpark.texts(spark, texts, 3)).collectAsList();
            TokenClassificationOptions o = TokenClassificationOptions.DEFAULTS.withStride(stride)
                    .withIgnoreLabels(List.of()).withAggregationStrategy(AggregationStrategy.parse(strategy));
            for (int i = 0; i < out.size(); i++) {
                if (texts.get(i) == null) {
                    assertThat(out.get(i).isNullAt(2)).isTrue();
                    continue;
                }
                List<Entity> expected = p.run(ctx, texts.get(i), o);
                List<Row> entities = out.get(i).getList(2);
                assertThat(entities).as("row %d", i).hasSize(expected.size()).isNotEmpty();
                for (int k = 0; k < entities.size(); k++) {
                    assertSameEntity(entities.get(k), expected.get(k), "none".equals(strategy));
                }
            }
        }
    }

    private static void assertSameEntity(Row actual, Entity expected, boolean perToken) {
        assertThat(actual.getString(0)).isEqualTo(expected.label());
        assertThat(actual.getDouble(1)).isCloseTo(expected.score(), within(1e-6));
        assertThat(actual.isNullAt(2)).isEqualTo(!perToken);
        assertThat(actual.getString(3)).isEqualTo(expected.word());
        assertThat(actual.getInt(4)).isEqualTo(expected.start());
        assertThat(actual.getInt(5)).isEqualTo(expected.end());
    }

    @Test
    void answersEqualTheSingleProcessPipeline() {
        List<String> contexts = Corpus.texts(40, 0, 41);
        List<String> questions = Corpus.texts(40, 0, 42).stream().map(q -> q.split(" ")[0] + " where?").toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            rows.add(RowFactory.create(i, i == 5 ? null : questions.get(i), contexts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("question", DataTypes.StringType)
                .add("context", DataTypes.StringType);
        List<Row> out = new Bert4jQuestionAnswering().setModelPath(models.qa.toString()).setTopK(3).setMaxSeqLen(64)
                .setMaxTokensPerBatch(500)
                .transform(spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, 3), schema))
                .collectAsList();

        QuestionAnsweringPipeline p = QuestionAnsweringPipeline.load(models.qa);
        var options = p.defaultOptions().withWindows(64, 32, 64).withTopK(3);
        for (int i = 0; i < out.size(); i++) {
            if (i == 5) {
                assertThat(out.get(i).isNullAt(3)).isTrue();
                continue;
            }
            List<Answer> expected = p.run(ctx, questions.get(i), contexts.get(i), options);
            List<Row> answers = out.get(i).getList(3);
            assertThat(answers).as("row %d", i).hasSize(expected.size()).isNotEmpty();
            for (int k = 0; k < answers.size(); k++) {
                Row a = answers.get(k);
                assertThat(a.getDouble(0)).isCloseTo(expected.get(k).score(), within(1e-6));
                assertThat(List.of(a.getInt(1), a.getInt(2), a.getString(3)))
                        .isEqualTo(List.of(expected.get(k).start(), expected.get(k).end(), expected.get(k).answer()));
            }
        }
    }
}
