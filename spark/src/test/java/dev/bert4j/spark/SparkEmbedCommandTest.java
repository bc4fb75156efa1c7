package dev.bert4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spark-embed} end to end on local[2]: JSON Lines and CSV in, Parquet out, read back part file by part file
 * in name order, which is the input's order; vectors equal the single-process pipeline.
 */
class SparkEmbedCommandTest {
    static TestModels models;
    static List<String> texts;
    static List<float[]> reference;

    @BeforeAll
    static void setUp() {
        models = TestModels.get();
        texts = Corpus.texts(31, 0, 77).subList(1, 31);     // short texts: the command starts its own Spark twice
        reference = EmbeddingsTest.referenceVectors(models.embeddings, texts);
    }

    @Test
    void jsonLinesToParquetInInputOrderWithCarriedFields(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("corpus.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add("{\"id\": " + i + ", \"text\": \"" + texts.get(i) + "\", \"source\": \"s" + i % 3 + "\"}");
        }
        Files.write(in, lines);
        Result r = run("--input", in.toString(), "--output", dir.resolve("out.parquet").toString(),
                "--master", "local[2]", "--model", models.embeddings.toString(), "--rows-per-window", "7");

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.err).contains("spark-embed: 30 rows in").contains(" rows/s)").contains("tasks, 30 rows written");
        List<Row> rows = readInOrder(dir.resolve("out.parquet"));
        assertThat(rows).hasSize(30);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertThat(row.<Long>getAs("id")).isEqualTo(i);
            assertThat(row.<String>getAs("source")).isEqualTo("s" + i % 3);
            EmbeddingsTest.assertClose(EmbeddingsTest.floats(row.getList(row.fieldIndex("embedding"))), reference.get(i), i);
        }
    }

    @Test
    void csvWithAnotherTextColumnAndExplicitPartitions(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("corpus.csv");
        StringBuilder csv = new StringBuilder("n,body\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(",\"").append(texts.get(i).replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(in, csv);
        Result r = run("--input", in.toString(), "--output", dir.resolve("out").toString(), "--master", "local[2]",
                "--model", models.embeddings.toString(), "--text-column", "body", "--output-column", "vec", "--partitions", "3",
                "-q");

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.err).doesNotContain("rows/s");
        List<Row> rows = readInOrder(dir.resolve("out"));
        assertThat(rows.stream().map(x -> x.<String>getAs("n")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 20).mapToObj(String::valueOf).toList());
        for (int i = 0; i < rows.size(); i++) {
            EmbeddingsTest.assertClose(EmbeddingsTest.floats(rows.get(i).getList(rows.get(i).fieldIndex("vec"))),
                    reference.get(i), i);
        }
    }

    @Test
    void mistakesAreOneLineAndStatusTwo(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("corpus.jsonl"), "{\"body\": \"a\"}\n");
        Result noColumn = run("--input", in.toString(), "--output", dir.resolve("o").toString(), "--master", "local[1]",
                "-q");
        assertThat(noColumn.status).isEqualTo(2);
        assertThat(noColumn.err).contains("spark-embed: Input column text does not exist; the columns are body");

        Result unknown = run("--input", dir.resolve("corpus.txt").toString(), "--output", "o");
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err.strip()).isEqualTo("spark-embed: cannot tell the format of --input "
                + dir.resolve("corpus.txt") + " from its extension (.jsonl, .parquet, .csv); give --format");
    }

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        LocalSpark.stop();                                  // the command starts (and stops) its own session
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkEmbedCommand.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    /** The Parquet part files one by one, in name order (what pyarrow and friends do), concatenated. */
    private static List<Row> readInOrder(Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
                rows.addAll(spark.read().parquet(part.toString()).collectAsList());
            }
        }
        return rows;
    }
}
