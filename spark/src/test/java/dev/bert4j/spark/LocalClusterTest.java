package dev.bert4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalClusterTest {
    @Test
    void probe() {
        TestModels models = TestModels.get();
        LocalSpark.stop();
        new java.io.File(System.getenv("SPARK_HOME"), "jars").mkdirs();
        SparkSession spark = LocalSpark.builder("local-cluster[2,1,1024]")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .getOrCreate();
        try {
            List<String> texts = Corpus.texts(40, 0, 3);
            List<Row> rows = new Bert4jEmbeddings().setModelPath(models.embeddings.toString())
                    .transform(LocalSpark.texts(spark, texts, 4)).collectAsList();
            assertThat(rows).hasSize(40);
        } finally {
            spark.stop();
        }
    }
}
