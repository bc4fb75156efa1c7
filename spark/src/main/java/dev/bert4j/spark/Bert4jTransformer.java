package dev.bert4j.spark;

import dev.bert4j.pipeline.BatchPlanner;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

/**
 * What the bert4j stages share: the model, the output column, the packed batches' token budget and the window
 * of rows each partition reads at a time. The transform is one {@code mapPartitions} that keeps the partitioning
 * and the order of rows; the model is loaded once per executor JVM ({@link ExecutorModels}), and each window of
 * rows goes to the pipeline in one call, which sorts the texts by length and packs them ({@link BatchPlanner}).
 *
 * <p>Params are Spark ML params, saved and loaded with the stage ({@link DefaultParamsWritable}); the model itself
 * is not copied into the saved stage, only its spec ({@link #modelPath()}).
 *
 * @param <S> the concrete stage, so that setters chain
 */
public abstract class Bert4jTransformer<S extends Bert4jTransformer<S>> extends Transformer
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelPath;
    private final Param<String> outputCol;
    private final IntParam maxTokensPerBatch;
    private final IntParam maxSequencesPerBatch;
    private final IntParam rowsPerWindow;

    protected Bert4jTransformer(String uid, String defaultOutputCol) {
        this.uid = uid;
        this.modelPath = new Param<>(this, "modelPath", "the model: a directory or ONNX export every executor sees,"
                + " a name shipped with --files/--archives or SparkContext.addFile, a built-in name or a Hugging Face"
                + " Hub id; empty for the embedded default (all-MiniLM-L6-v2)");
        this.outputCol = new Param<>(this, "outputCol", "output column name");
        this.maxTokensPerBatch = new IntParam(this, "maxTokensPerBatch",
                "tokens per packed forward pass (texts are sorted by length and packed up to this budget)",
                ParamValidators.gtEq(1));
        this.maxSequencesPerBatch = new IntParam(this, "maxSequencesPerBatch", "texts per packed forward pass",
                ParamValidators.gtEq(1));
        this.rowsPerWindow = new IntParam(this, "rowsPerWindow", "rows a partition reads and sends to the model at"
                + " a time (the pipeline sorts and packs each window); bounds memory", ParamValidators.gtEq(1));
        setDefault(modelPath, "");
        setDefault(outputCol, defaultOutputCol);
        setDefault(maxTokensPerBatch, BatchPlanner.DEFAULT_MAX_TOKENS);
        setDefault(maxSequencesPerBatch, BatchPlanner.DEFAULT_MAX_SEQUENCES);
        setDefault(rowsPerWindow, 2048);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelPath() {
        return modelPath;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public IntParam maxTokensPerBatch() {
        return maxTokensPerBatch;
    }

    public IntParam maxSequencesPerBatch() {
        return maxSequencesPerBatch;
    }

    public IntParam rowsPerWindow() {
        return rowsPerWindow;
    }

    public String getModelPath() {
        return $(modelPath);
    }

    public String getOutputCol() {
        return $(outputCol);
    }

    public S setModelPath(String value) {
        return setParam(modelPath, value);
    }

    public S setOutputCol(String value) {
        return setParam(outputCol, value);
    }

    public S setMaxTokensPerBatch(int value) {
        return setParam(maxTokensPerBatch, value);
    }

    public S setMaxSequencesPerBatch(int value) {
        return setParam(maxSequencesPerBatch, value);
    }

    public S setRowsPerWindow(int value) {
        return setParam(rowsPerWindow, value);
    }

    /** The budget the pipelines pack batches with. */
    BatchBudget budget() {
        return new BatchBudget((Integer) $(maxTokensPerBatch), (Integer) $(maxSequencesPerBatch));
    }

    /** The string columns the stage reads. */
    protected abstract List<String> inputColumns();

    /** The type of the output column (nullable: a row without input gets null). */
    protected abstract DataType outputDataType();

    /** The work for the rows of {@code schema}, with everything the executors need. */
    protected abstract RowTask rowTask(StructType schema);

    @Override
    public StructType transformSchema(StructType schema) {
        for (String col : inputColumns()) {
            requireStringColumn(schema, col);
        }
        String out = getOutputCol();
        if (Arrays.asList(schema.fieldNames()).contains(out)) {
            throw new IllegalArgumentException("Output column " + out + " already exists; choose another outputCol"
                    + " or drop the column first");
        }
        return schema.add(new StructField(out, outputDataType(), true, org.apache.spark.sql.types.Metadata.empty()));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        RowTask task = rowTask(in);
        int window = (Integer) $(rowsPerWindow);
        MapPartitionsFunction<Row, Row> f = rows -> new WindowedRows(rows, task, window);
        return dataset.toDF().mapPartitions(f, Encoders.row(out));
    }

    @Override
    public Transformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The index of a string column that must exist in {@code schema}. */
    protected static int requireStringColumn(StructType schema, String col) {
        if (!Arrays.asList(schema.fieldNames()).contains(col)) {
            throw new IllegalArgumentException("Input column " + col + " does not exist; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        int i = schema.fieldIndex(col);
        DataType type = schema.fields()[i].dataType();
        if (!type.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("Input column " + col + " must be a string, but is "
                    + type.simpleString());
        }
        return i;
    }

    /** A Java list as the Scala sequence Spark's row encoder takes for an array column. */
    static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    @SuppressWarnings("unchecked")
    protected <T> S setParam(Param<T> param, T value) {
        set(param, value);
        return (S) this;
    }
}
