package dev.bert4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * One Spark session per test JVM on {@code local[2,4]}: two cores in this JVM, and a failed task retried up to
 * four times (plain {@code local[2]} never retries). A test that needs another master stops it first.
 */
final class LocalSpark {
    static final String MASTER = "local[2,4]";

    private LocalSpark() {
    }

    private static SparkSession local;

    static synchronized SparkSession session() {
        if (local == null || local.sparkContext().isStopped()) {
            local = builder(MASTER).getOrCreate();
        }
        return local;
    }

    /** Stops the shared local session, so that a test can start a context of its own (one per JVM). */
    static synchronized void stop() {
        if (local != null) {
            local.stop();
            local = null;
        }
    }

    static SparkSession.Builder builder(String master) {
        return SparkSession.builder().master(master).appName("bert4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1");
    }

    /** Rows {@code (id, text)} in {@code partitions} partitions, in id order. */
    static Dataset<Row> texts(SparkSession spark, List<String> texts, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false).add("text", DataTypes.StringType);
        return spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }
}
