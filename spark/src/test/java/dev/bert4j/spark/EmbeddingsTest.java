package dev.bert4j.spark;

import dev.bert4j.io.PoolingMode;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bert4jEmbeddings on local[2] against the single-process SentenceEmbeddingPipeline on the same rows. */
class EmbeddingsTest {
    static SparkSession spark;
    static TestModels models;
    static ComputeContext ctx;
    static List<String> texts;
    static List<float[]> reference;

    @BeforeAll
    static void setUp() {
        models = TestModels.get();
        spark = LocalSpark.session();
        ctx = ComputeContext.inference(2);
        texts = Corpus.texts(240, 23, 11);
        reference = referenceVectors(models.embeddings, texts);
    }

    /** The vectors of the single-process pipeline with the model's own settings; null for a null text. */
    static List<float[]> referenceVectors(java.nio.file.Path model, List<String> texts) {
        try (ComputeContext c = ComputeContext.inference(2)) {
            return embed(new SentenceEmbeddingPipeline(LoadedModel.load(model)), texts, c);
        }
    }

    @AfterAll
    static void tearDown() {
        ctx.close();
    }

    static List<float[]> embed(SentenceEmbeddingPipeline p, List<String> texts, ComputeContext c) {
        List<String> present = texts.stream().filter(t -> t != null).toList();
        List<SentenceEmbedding> e = p.embed(c, present);
        List<float[]> out = new ArrayList<>();
        int k = 0;
        for (String t : texts) {
            out.add(t == null ? null : e.get(k++).vector());
        }
        return out;
    }

    @Test
    void vectorsEqualTheSingleProcessPipelineInRowOrderAndNullsStayNull() {
        Dataset<Row> in = LocalSpark.texts(spark, texts, 5);
        List<Row> rows = new Bert4jEmbeddings().setModelPath(models.embeddings.toString())
                .setRowsPerWindow(17).setMaxTokensPerBatch(600).transform(in).collectAsList();

        assertThat(rows).hasSize(texts.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.getInt(0)).isEqualTo(i);
            assertThat(r.getString(1)).isEqualTo(texts.get(i));
            if (texts.get(i) == null) {
                assertThat(r.isNullAt(2)).as("row %d", i).isTrue();
            } else {
                assertClose(floats(r.getList(2)), reference.get(i), i);
            }
        }
    }

    @Test
    void vectorOutputWithPoolingAndNormalizeOverridden() {
        List<String> some = texts.subList(0, 60);
        SentenceEmbeddingPipeline p = new SentenceEmbeddingPipeline(LoadedModel.load(models.embeddings))
                .withPooling(PoolingMode.CLS, PoolingMode.MAX).withNormalize(false);
        List<float[]> expected = embed(p, some, ctx);
        List<Row> rows = new Bert4jEmbeddings().setModelPath(models.embeddings.toString()).setPooling("cls,max")
                .setNormalize(false).setOutputType("vector").setOutputCol("v")
                .transform(LocalSpark.texts(spark, some, 3)).select("id", "v").collectAsList();
        for (Row r : rows) {
            int i = r.getInt(0);
            if (some.get(i) == null) {
                assertThat(r.isNullAt(1)).isTrue();
                continue;
            }
            Vector v = (Vector) r.get(1);
            assertThat(v.size()).isEqualTo(2 * 384);
            float[] f = new float[v.size()];
            for (int c = 0; c < f.length; c++) {
                f[c] = (float) v.apply(c);
            }
            assertClose(f, expected.get(i), i);
        }
    }

    @Test
    void theModelIsLoadedOncePerJvmNotPerPartitionOrRow() {
        String alias = models.embeddingsAlias("load-count").toString();
        ExecutorModels.Key key = new ExecutorModels.Key(Bert4jEmbeddings.KIND, alias);
        Bert4jEmbeddings stage = new Bert4jEmbeddings().setModelPath(alias).setRowsPerWindow(5);
        assertThat(ExecutorModels.loads(key)).isZero();

        long n = stage.transform(LocalSpark.texts(spark, texts.subList(0, 48), 8)).count();
        stage.transform(LocalSpark.texts(spark, texts.subList(0, 30), 6)).collectAsList();

        assertThat(n).isEqualTo(48);
        assertThat(ExecutorModels.loads(key)).as("8 + 6 partitions, two at a time, one JVM").isEqualTo(1);
    }

    static float[] floats(List<Float> list) {
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = list.get(i);
        }
        return f;
    }

    static void assertClose(float[] actual, float[] expected, int row) {
        assertThat(actual.length).as("row %d dimensions", row).isEqualTo(expected.length);
        double worst = 0;
        for (int c = 0; c < actual.length; c++) {
            worst = Math.max(worst, Math.abs(actual[c] - expected[c]));
        }
        assertThat(worst).as("row %d: largest difference from the single-process pipeline", row).isLessThanOrEqualTo(1e-6);
    }
}
