package dev.bert4j.spark;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stages as Spark ML pipeline stages: saved and loaded with their params, and clear schema errors. */
class StageContractTest {
    static SparkSession spark;
    static TestModels models;

    @BeforeAll
    static void setUp() {
        models = TestModels.get();
        spark = LocalSpark.session();
    }

    @Test
    void aPipelineOfAllFourStagesSavesLoadsAndGivesTheSameOutput(@TempDir Path dir) throws Exception {
        // short texts only (the corpus's first is 300+ words): four models, each run twice, in a test of seconds
        Dataset<Row> in = LocalSpark.texts(spark, Corpus.texts(25, 7, 9).subList(1, 25), 2)
                .withColumn("question", functions.lit("who met bob?")).withColumn("context", functions.col("text"));
        PipelineStage[] stages = {
            new Bert4jEmbeddings().setModelPath(models.embeddings.toString()).setPooling("mean,cls").setNormalize(true)
                .setOutputType("vector").setRowsPerWindow(5),
            new Bert4jClassifier().setModelPath(models.classifier.toString()).setTopK(2).setFunctionToApply("sigmoid")
                .setMaxTokensPerBatch(1000),
            new Bert4jTokenClassifier().setModelPath(models.ner.toString()).setAggregationStrategy("first").setStride(4)
                .setIgnoreLabels("O", "I-LOC"),
            new Bert4jQuestionAnswering().setModelPath(models.qa.toString()).setTopK(2).setMaxSeqLen(48).setDocStride(16)
                .setHandleImpossibleAnswer(true).setMaxSequencesPerBatch(8),
        };
        PipelineModel model = new Pipeline().setStages(stages).fit(in);
        model.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());

        assertThat(loaded.stages()).hasSize(4);
        for (int s = 0; s < 4; s++) {
            Transformer a = model.stages()[s];
            Transformer b = loaded.stages()[s];
            assertThat(b.getClass()).isEqualTo(a.getClass());
            assertThat(b.uid()).isEqualTo(a.uid());
            assertThat(params(b)).isEqualTo(params(a));
        }
        assertThat(loaded.transform(in).collectAsList()).isEqualTo(model.transform(in).collectAsList());
    }

    /** Each param as {@code name=json}, marked when it is a default rather than set. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> params(Transformer t) {
        return scala.jdk.javaapi.CollectionConverters.asJava(t.extractParamMap().toSeq()).stream()
                .map(p -> {
                    Param raw = ((ParamPair) p).param();
                    return raw.name() + "=" + raw.jsonEncode(((ParamPair) p).value()) + (t.isSet(raw) ? "" : " (default)");
                }).sorted().toList();
    }

    @Test
    void aSingleStageSavesAndLoadsOnItsOwn(@TempDir Path dir) throws Exception {
        Bert4jTokenClassifier ner = new Bert4jTokenClassifier().setModelPath("some/model").setInputCol("body")
                .setOutputCol("ents").setAggregationStrategy("max");
        ner.save(dir.resolve("ner").toString());
        Bert4jTokenClassifier back = Bert4jTokenClassifier.load(dir.resolve("ner").toString());
        assertThat(params(back)).isEqualTo(params(ner));
        assertThat(back.isSet(back.stride())).isFalse();
    }

    @Test
    void schemaMistakesAreNamedOnTheDriver() {
        Dataset<Row> in = LocalSpark.texts(spark, List.of("a", "b"), 1);
        assertThatThrownBy(() -> new Bert4jEmbeddings().setInputCol("body").transform(in))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body does not exist")
                .hasMessageContaining("id, text");
        assertThatThrownBy(() -> new Bert4jClassifier().setInputCol("id").transform(in))
                .hasMessageContaining("id must be a string, but is int");
        assertThatThrownBy(() -> new Bert4jEmbeddings().setOutputCol("text").transform(in))
                .hasMessageContaining("Output column text already exists");
        assertThatThrownBy(() -> new Bert4jEmbeddings().setPooling("avg"))
                .hasMessageContaining("unknown pooling mode 'avg'");
        assertThatThrownBy(() -> new Bert4jClassifier().setTopK(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bert4jTokenClassifier().setAggregationStrategy("mean"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregationStrategy");
    }

    @Test
    void aModelShippedWithAddFileIsFoundByItsName(@TempDir Path dir) throws Exception {
        Path shipped = java.nio.file.Files.createDirectories(dir.resolve("shipped-minilm"));
        try (var files = java.nio.file.Files.list(models.embeddings)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.createSymbolicLink(shipped.resolve(f.getFileName()), f);
            }
        }
        spark.sparkContext().addFile(shipped.toString(), true);
        List<String> texts = List.of("shipped with the job", "found under SparkFiles");
        List<Row> rows = new Bert4jEmbeddings().setModelPath("shipped-minilm")
                .transform(LocalSpark.texts(spark, texts, 2)).collectAsList();
        List<float[]> expected = EmbeddingsTest.referenceVectors(models.embeddings, texts);
        for (int i = 0; i < 2; i++) {
            EmbeddingsTest.assertClose(EmbeddingsTest.floats(rows.get(i).getList(2)), expected.get(i), i);
        }
    }

    @Test
    void aModelNoExecutorCanFindFailsTheJobWithWhereToPutIt() {
        Dataset<Row> in = LocalSpark.texts(spark, List.of("a"), 1);
        assertThatThrownBy(() -> new Bert4jEmbeddings().setModelPath("/no/such/model").transform(in).collectAsList())
                .hasMessageContaining("/no/such/model");
    }
}
