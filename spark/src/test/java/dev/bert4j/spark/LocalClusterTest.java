package dev.bert4j.spark;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stages on Spark's {@code local-cluster[2,1,1024]}: a standalone master and two workers in this JVM, each
 * starting a real executor JVM with one core and 1 GB, so that models are loaded, tasks serialized and failures
 * retried across processes as on a cluster. The executors get this test's class path through
 * {@code spark.executor.extraClassPath}; SPARK_HOME (an empty {@code jars/} folder) and SPARK_SCALA_VERSION come
 * from surefire's environment (see the pom), as the workers build executor command lines as a Spark install would.
 * Spark adds its module options, {@code --add-modules=jdk.incubator.vector} among them, to every executor.
 */
class LocalClusterTest {
    static final String MASTER = "local-cluster[2,1,1024]";
    static SparkSession spark;
    static TestModels models;

    @BeforeAll
    static void start() throws InterruptedException {
        models = TestModels.get();
        LocalSpark.stop();
        new File(System.getenv("SPARK_HOME"), "jars").mkdirs();
        spark = LocalSpark.builder(MASTER)
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .getOrCreate();
        long deadline = System.nanoTime() + 120_000_000_000L;     // both executors registered (the driver counts one)
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(spark.sparkContext().statusTracker().getExecutorInfos()).hasSize(3);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void vectorsAndLabelsEqualTheSingleProcessPipelinesAndEachExecutorLoadsEachModelOnce() {
        // short texts (the corpus's first is 300+ words): executors start cold, on one core each
        List<String> texts = Corpus.texts(33, 11, 51).subList(1, 33);
        Dataset<Row> out = new Bert4jEmbeddings().setModelPath(models.embeddings.toString()).setRowsPerWindow(5)
                .transform(LocalSpark.texts(spark, texts, 8));
        out = new Bert4jClassifier().setModelPath(models.classifier.toString()).transform(out);
        List<Row> rows = out.collectAsList();

        assertThat(rows).hasSize(texts.size());
        List<float[]> vectors = EmbeddingsTest.referenceVectors(models.embeddings, texts);
        List<List<LabelScore>> labels;
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            labels = TextClassificationPipeline.load(models.classifier).runBatch(ctx,
                    texts.stream().map(t -> t == null ? "" : t).toList(), null,
                    TextClassificationOptions.DEFAULTS.withTruncation(true));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.getInt(0)).isEqualTo(i);
            if (texts.get(i) == null) {
                assertThat(r.isNullAt(2) && r.isNullAt(3)).isTrue();
                continue;
            }
            EmbeddingsTest.assertClose(EmbeddingsTest.floats(r.getList(2)), vectors.get(i), i);
            LabelScore best = labels.get(i).getFirst();
            Row label = (Row) r.getList(3).getFirst();
            assertThat(label.getString(0)).isEqualTo(best.label());
            assertThat(label.getDouble(1)).isCloseTo(best.score(), within(1e-6));
        }
        for (String kind : List.of(Bert4jEmbeddings.KIND, Bert4jClassifier.KIND)) {
            String spec = kind.equals(Bert4jEmbeddings.KIND) ? models.embeddings.toString() : models.classifier.toString();
            Map<Long, Integer> loads = loadsPerExecutor(new ExecutorModels.Key(kind, spec));
            assertThat(loads).as("%s: executor JVMs (pid -> loads)", kind).hasSize(2);
            assertThat(loads.values()).as("%s: 8 partitions, one load per executor", kind).containsOnly(1);
            assertThat(loads.keySet()).doesNotContain(ProcessHandle.current().pid());
        }
    }

    /** Asks every executor JVM (many small tasks reach both) how often it loaded {@code key}. */
    private static Map<Long, Integer> loadsPerExecutor(ExecutorModels.Key key) {
        MapPartitionsFunction<Long, String> report = ignored -> {
            Thread.sleep(200);                         // keep each executor busy long enough for the other to get tasks
            boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            return List.of(ProcessHandle.current().pid() + ":" + ExecutorModels.loads(key) + ":" + vector).iterator();
        };
        List<String> reports = spark.range(0, 16, 1, 16).as(Encoders.LONG()).mapPartitions(report, Encoders.STRING())
                .collectAsList();
        assertThat(reports).as("Spark gave its executors jdk.incubator.vector").allMatch(r -> r.endsWith(":true"));
        return reports.stream().distinct().collect(Collectors.toMap(s -> Long.parseLong(s.split(":")[0]),
                s -> Integer.parseInt(s.split(":")[1]), Math::max, TreeMap::new));
    }

    @Test
    void aFailedTaskIsRetriedOnTheClusterWithoutLostOrDuplicatedRows() throws InterruptedException {
        List<String> texts = Corpus.texts(30, 11, 53);
        Dataset<Row> in = FailOnce.inPartition(LocalSpark.texts(spark, texts, 4), 3, 5);
        FailOnce.Failures failures = FailOnce.Failures.register(spark.sparkContext());
        try {
            List<Row> rows = new Bert4jEmbeddings().setModelPath(models.embeddings.toString()).setRowsPerWindow(4)
                    .transform(in).collectAsList();
            assertThat(failures.await(1)).isEqualTo(1);
            assertThat(rows.stream().map(r -> r.getInt(0)).toList()).isEqualTo(IntStream.range(0, 30).boxed().toList());
            List<float[]> vectors = EmbeddingsTest.referenceVectors(models.embeddings, texts);
            for (Row r : rows) {
                int i = r.getInt(0);
                if (texts.get(i) != null) {
                    EmbeddingsTest.assertClose(EmbeddingsTest.floats(r.getList(2)), vectors.get(i), i);
                }
            }
        } finally {
            failures.remove(spark.sparkContext());
        }
    }
}
