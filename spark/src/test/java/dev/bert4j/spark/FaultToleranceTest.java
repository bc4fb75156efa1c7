package dev.bert4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition whose first attempt fails part-way is run again by Spark: every row comes out once, in order, with the
 * vector the single-process pipeline gives, and the model is not loaded again for the retry.
 */
class FaultToleranceTest {
    static SparkSession spark;
    static TestModels models;
    static List<String> texts;
    static List<float[]> reference;

    @BeforeAll
    static void setUp() {
        models = TestModels.get();
        spark = LocalSpark.session();
        texts = Corpus.texts(96, 17, 5);
        reference = EmbeddingsTest.referenceVectors(models.embeddings, texts);
    }

    @Test
    void aFailureUpstreamInsideAWindowIsRetriedWithoutLostOrDuplicatedRows() throws Exception {
        String alias = models.embeddingsAlias("retry-upstream").toString();
        Dataset<Row> in = FailOnce.inPartition(LocalSpark.texts(spark, texts, 6), 2, 9);
        check(new Bert4jEmbeddings().setModelPath(alias).setRowsPerWindow(4).transform(in), alias);
    }

    @Test
    void aFailureDownstreamAfterRowsWereEmittedIsRetriedWithoutLostOrDuplicatedRows() throws Exception {
        String alias = models.embeddingsAlias("retry-downstream").toString();
        Dataset<Row> out = new Bert4jEmbeddings().setModelPath(alias).setRowsPerWindow(4)
                .transform(LocalSpark.texts(spark, texts, 6));
        check(FailOnce.inPartition(out, 4, 11), alias);
    }

    private static void check(Dataset<Row> out, String alias) throws InterruptedException {
        FailOnce.Failures failures = FailOnce.Failures.register(spark.sparkContext());
        try {
            List<Row> rows = out.collectAsList();
            assertThat(failures.await(1)).as("failed task attempts").isEqualTo(1);
            assertThat(rows.stream().map(r -> r.getInt(0)).toList())
                    .as("every id once, in order").isEqualTo(java.util.stream.IntStream.range(0, texts.size()).boxed().toList());
            for (Row r : rows) {
                int i = r.getInt(0);
                if (texts.get(i) == null) {
                    assertThat(r.isNullAt(2)).isTrue();
                } else {
                    EmbeddingsTest.assertClose(EmbeddingsTest.floats(r.getList(2)), reference.get(i), i);
                }
            }
            assertThat(ExecutorModels.loads(new ExecutorModels.Key(Bert4jEmbeddings.KIND, alias)))
                    .as("the retry reuses the JVM's model").isEqualTo(1);
        } finally {
            failures.remove(spark.sparkContext());
        }
    }
}
