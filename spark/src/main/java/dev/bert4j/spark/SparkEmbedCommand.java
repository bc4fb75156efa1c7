package dev.bert4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bert4j spark-embed}: sentence embeddings of a corpus file with Spark, written as Parquet. The input's
 * columns are kept and an {@code embedding} column ({@code array<float>}, or {@code --output-column}) is added; rows keep their order (one
 * Parquet part file per partition, in input order). Runs on an embedded {@code local[*]} Spark by default, or
 * under {@code spark-submit} on a cluster (docs/spark.md).
 */
@Command(name = "spark-embed", sortOptions = false,
        description = {"Sentence embeddings of a corpus with Apache Spark: reads JSON Lines, Parquet or CSV (with a"
            + " header), adds an \"embedding\" column (array<float>) and writes Parquet.",
            "Without --master and outside spark-submit, runs on an embedded local[*] Spark."})
public final class SparkEmbedCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "corpus: a file or folder (.jsonl/.json, .parquet or .csv; see --format); any path Spark"
                    + " reads (hdfs://, s3a://, ...)")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Parquet output folder")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--model", paramLabel = "M", description = "model directory, ONNX export, built-in name or Hub"
            + " id, as every executor sees it (default: the embedded all-MiniLM-L6-v2); see docs/spark.md")
    String model = "";

    @Option(names = "--text-column", paramLabel = "NAME", description = "column of texts (default: ${DEFAULT-VALUE})")
    String textColumn = "text";

    @Option(names = "--output-column", paramLabel = "NAME", description = "column of embeddings added (default:"
            + " ${DEFAULT-VALUE})")
    String outputColumn = "embedding";

    @Option(names = "--format", paramLabel = "F", description = "jsonl, parquet or csv (default: from --input's"
            + " extension)")
    String format;

    @Option(names = "--partitions", paramLabel = "N", description = "spread the rows over N partitions, keeping"
            + " their order (default: as Spark splits the input, but at least spark.default.parallelism, so that a"
            + " small file keeps every core busy)")
    Integer partitions;

    @Option(names = "--max-batch-tokens", paramLabel = "N", description = "tokens per packed forward pass"
            + " (default: ${DEFAULT-VALUE})")
    int maxBatchTokens = dev.bert4j.pipeline.BatchPlanner.DEFAULT_MAX_TOKENS;

    @Option(names = "--rows-per-window", paramLabel = "N", description = "rows a task sends to the model at a"
            + " time (default: ${DEFAULT-VALUE})")
    int rowsPerWindow = 2048;

    @Option(names = "--pooling", paramLabel = "P", description = "pooling modes, comma-separated (default: the model's)")
    String pooling;

    @Option(names = "--normalize", negatable = true, description = "L2-normalize (default: as the model says)")
    Boolean normalize;

    @Option(names = "--overwrite", description = "replace --output if it exists")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "no progress line")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    private final PrintStream err;

    SparkEmbedCommand(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command line; one line on {@code err} for a mistake the user can fix (exit status 2). */
    static int run(String[] args, PrintStream err) {
        CommandLine cl = new CommandLine(new SparkEmbedCommand(err));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = rootUserError(e);
            if (cause == null) {
                throw e;
            }
            err.println("spark-embed: " + cause.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(input);
        Bert4jEmbeddings stage = stage();                   // option mistakes fail before Spark starts
        SparkSession spark = session();
        SparkProgress progress = new SparkProgress(err, System.console() != null && System.console().isTerminal(), 5000);
        try {
            if (!quiet) {
                spark.sparkContext().addSparkListener(progress);
            }
            long t0 = System.nanoTime();
            Dataset<Row> in = inOrder(reader(spark, fmt).load(input), spark);
            stage.transform(in).write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!quiet) {
                progress.print(true);
                err.printf(Locale.ROOT, "spark-embed: %,d rows in %.1f s (%,.1f rows/s) -> %s%n",
                        progress.rowsWritten(), seconds, progress.rowsWritten() / seconds, output);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    private Bert4jEmbeddings stage() {
        Bert4jEmbeddings stage = new Bert4jEmbeddings().setModelPath(model).setInputCol(textColumn)
                .setOutputCol(outputColumn).setMaxTokensPerBatch(maxBatchTokens).setRowsPerWindow(rowsPerWindow);
        if (pooling != null) {
            stage.setPooling(pooling);
        }
        if (normalize != null) {
            stage.setNormalize(normalize);
        }
        return stage;
    }

    private SparkSession session() {
        SparkConf conf = new SparkConf();                  // spark-submit's settings arrive as system properties
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        SparkSession.Builder b = SparkSession.builder().appName("bert4j spark-embed").master(m);
        if (m.startsWith("local") && !conf.contains("spark.ui.enabled")) {
            b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }

    /**
     * The input spread over {@code --partitions} partitions in its row order (a range shuffle on a row number); by
     * default only when Spark split it into fewer partitions than the cluster has cores (a small file is one
     * partition, one task, one core).
     */
    private Dataset<Row> inOrder(Dataset<Row> in, SparkSession spark) {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        int have = in.rdd().getNumPartitions();
        int want = partitions != null ? partitions : Math.max(have, spark.sparkContext().defaultParallelism());
        if (want == have) {
            return in;
        }
        Column row = functions.monotonically_increasing_id();
        return in.withColumn("_bert4j_row", row).repartitionByRange(want, functions.col("_bert4j_row"))
                .sortWithinPartitions("_bert4j_row").drop("_bert4j_row");
    }

    private static DataFrameReader reader(SparkSession spark, String fmt) {
        return switch (fmt) {
            case "jsonl", "json" -> spark.read().format("json");
            case "parquet" -> spark.read().format("parquet");
            case "csv" -> spark.read().format("csv").option("header", "true").option("escape", "\"");
            default -> throw new IllegalArgumentException("--format " + fmt + " is not one of jsonl, parquet, csv");
        };
    }

    static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        for (String ext : new String[] {"jsonl", "json", "parquet", "csv"}) {
            if (p.endsWith("." + ext)) {
                return ext.equals("json") ? "jsonl" : ext;
            }
        }
        throw new IllegalArgumentException("cannot tell the format of --input " + path
                + " from its extension (.jsonl, .parquet, .csv); give --format");
    }

    /** The bert4j or argument error under {@code e} (Spark wraps executors' errors), or null for a bug. */
    private static Throwable rootUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t.getClass().getPackageName().startsWith("dev.bert4j")
                    || t.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
                return t;
            }
        }
        return null;
    }
}
