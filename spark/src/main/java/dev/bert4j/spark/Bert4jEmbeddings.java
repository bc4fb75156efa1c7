package dev.bert4j.spark;

import dev.bert4j.io.PoolingMode;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.pipeline.embedding.SentenceEmbedding;
import dev.bert4j.pipeline.embedding.SentenceEmbeddingPipeline;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentence embeddings as a Spark ML stage: {@code SentenceEmbeddingPipeline} on every row of {@code inputCol},
 * pooled and normalized as the model's sentence-transformers files say unless {@code pooling} / {@code normalize}
 * are set. The output is {@code array<float>} (the float32 vector bert4j computes, readable from Parquet by any
 * tool) or, with {@code outputType = "vector"}, an ML {@code Vector} for Spark's estimators. Null texts give null.
 */
public final class Bert4jEmbeddings extends Bert4jTransformer<Bert4jEmbeddings> {
    private static final long serialVersionUID = 1L;
    static final String KIND = "embeddings";

    private final Param<String> inputCol;
    private final Param<String> pooling;
    private final BooleanParam normalize;
    private final Param<String> outputType;

    public Bert4jEmbeddings() {
        this(Identifiable.randomUID("bert4jEmbeddings"));
    }

    public Bert4jEmbeddings(String uid) {
        super(uid, "embedding");
        this.inputCol = new Param<>(this, "inputCol", "input column of texts");
        this.pooling = new Param<>(this, "pooling", "pooling modes, comma-separated and concatenated: cls, mean, max,"
                + " mean_sqrt_len_tokens, weightedmean, lasttoken (unset: the model's 1_Pooling, else mean)");
        this.normalize = new BooleanParam(this, "normalize", "L2-normalize (unset: whether the model has a Normalize"
                + " module)");
        this.outputType = new Param<>(this, "outputType", "array (array<float>) or vector (ML Vector of doubles)",
                ParamValidators.inArray(new String[] {"array", "vector"}));
        setDefault(inputCol, "text");
        setDefault(outputType, "array");
    }

    public static MLReader<Bert4jEmbeddings> read() {
        return new DefaultParamsReader<>();
    }

    public static Bert4jEmbeddings load(String path) {
        return read().load(path);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> pooling() {
        return pooling;
    }

    public BooleanParam normalize() {
        return normalize;
    }

    public Param<String> outputType() {
        return outputType;
    }

    public Bert4jEmbeddings setInputCol(String value) {
        return setParam(inputCol, value);
    }

    public Bert4jEmbeddings setPooling(String value) {
        modes(value);                                   // fail here, on the driver, for an unknown mode
        return setParam(pooling, value);
    }

    public Bert4jEmbeddings setNormalize(boolean value) {
        return setParam(normalize, value);
    }

    public Bert4jEmbeddings setOutputType(String value) {
        return setParam(outputType, value);
    }

    @Override
    protected List<String> inputColumns() {
        return List.of($(inputCol));
    }

    @Override
    protected DataType outputDataType() {
        return "vector".equals($(outputType)) ? SQLDataTypes.VectorType()
                : DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    @Override
    protected RowTask rowTask(StructType schema) {
        return new Task(schema.fieldIndex($(inputCol)), getModelPath(), isSet(pooling) ? $(pooling) : null,
                isSet(normalize) ? (Boolean) $(normalize) : null, budget(), "vector".equals($(outputType)));
    }

    /** The embedded default pipeline of a model spec, as each executor loads it once. */
    static SentenceEmbeddingPipeline pipeline(String modelSpec) {
        return ExecutorModels.get(new ExecutorModels.Key(KIND, modelSpec),
                () -> new SentenceEmbeddingPipeline(LoadedModel.load(ModelLocation.directory(modelSpec))));
    }

    static PoolingMode[] modes(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).map(PoolingMode::fromName).toArray(PoolingMode[]::new);
    }

    private record Task(int col, String modelSpec, String pooling, Boolean normalize, BatchBudget budget,
                        boolean asVector) implements RowTask {
        @Override
        public boolean hasInput(Row row) {
            return !row.isNullAt(col);
        }

        @Override
        public long inputChars(Row row) {
            return row.getString(col).length();
        }

        @Override
        public Batch open() {
            SentenceEmbeddingPipeline p = pipeline(modelSpec).withPlanner(budget.planner());
            p = pooling == null ? p : p.withPooling(modes(pooling));
            SentenceEmbeddingPipeline configured = normalize == null ? p : p.withNormalize(normalize);
            return (ctx, rows) -> {
                List<String> texts = rows.stream().map(r -> r.getString(col)).toList();
                List<Object> out = new ArrayList<>(texts.size());
                for (SentenceEmbedding e : configured.embed(ctx, texts)) {
                    out.add(asVector ? Vectors.dense(toDoubles(e.vector())) : e.vector());
                }
                return out;
            };
        }

        private static double[] toDoubles(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
    }
}
