package dev.bert4j.spark;

import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.pipeline.token.TokenEntity;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Token classification (NER) as a Spark ML stage: HF's {@code token-classification} pipeline
 * ({@link TokenClassificationPipeline}) on {@code inputCol}. The output is an array of
 * {@code struct<entity, score, index, word, start, end>}: per token with {@code aggregationStrategy} none (HF's
 * {@code entity} and {@code index}), per group otherwise ({@code entity} then holds HF's {@code entity_group}, and
 * {@code index} is null). {@code start} and {@code end} are character offsets into the text. {@code stride}
 * (unset: texts are cut at the model's limit, as HF) labels long texts whole, in overlapping windows.
 */
public final class Bert4jTokenClassifier extends Bert4jTransformer<Bert4jTokenClassifier> {
    private static final long serialVersionUID = 1L;
    static final String KIND = "token-classifier";
    static final StructType ENTITY = new StructType().add("entity", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false).add("index", DataTypes.IntegerType, true)
            .add("word", DataTypes.StringType, false).add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false);

    private final Param<String> inputCol;
    private final Param<String> aggregationStrategy;
    private final StringArrayParam ignoreLabels;
    private final IntParam stride;

    public Bert4jTokenClassifier() {
        this(Identifiable.randomUID("bert4jTokenClassifier"));
    }

    public Bert4jTokenClassifier(String uid) {
        super(uid, "entities");
        this.inputCol = new Param<>(this, "inputCol", "input column of texts");
        this.aggregationStrategy = new Param<>(this, "aggregationStrategy", "none, simple, first, average or max",
                ParamValidators.inArray(new String[] {"none", "simple", "first", "average", "max"}));
        this.ignoreLabels = new StringArrayParam(this, "ignoreLabels", "labels left out of the output");
        this.stride = new IntParam(this, "stride", "tokens shared by consecutive windows of a long text (unset: cut"
                + " at the model's limit)", ParamValidators.gtEq(0));
        setDefault(inputCol, "text");
        setDefault(aggregationStrategy, "none");
        setDefault(ignoreLabels, new String[] {"O"});
    }

    public static MLReader<Bert4jTokenClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static Bert4jTokenClassifier load(String path) {
        return read().load(path);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> aggregationStrategy() {
        return aggregationStrategy;
    }

    public StringArrayParam ignoreLabels() {
        return ignoreLabels;
    }

    public IntParam stride() {
        return stride;
    }

    public Bert4jTokenClassifier setInputCol(String value) {
        return setParam(inputCol, value);
    }

    public Bert4jTokenClassifier setAggregationStrategy(String value) {
        return setParam(aggregationStrategy, value);
    }

    public Bert4jTokenClassifier setIgnoreLabels(String... values) {
        return setParam(ignoreLabels, values);
    }

    public Bert4jTokenClassifier setStride(int value) {
        return setParam(stride, value);
    }

    @Override
    protected List<String> inputColumns() {
        return List.of($(inputCol));
    }

    @Override
    protected DataType outputDataType() {
        return DataTypes.createArrayType(ENTITY, false);
    }

    @Override
    protected RowTask rowTask(StructType schema) {
        Task task = new Task(schema.fieldIndex($(inputCol)), getModelPath(), $(aggregationStrategy),
                List.copyOf(Arrays.asList($(ignoreLabels))), isSet(stride) ? (Integer) $(stride) : null, budget());
        task.options();                                // fail here, on the driver, for a bad option
        return task;
    }

    static Row entity(Entity e) {
        Integer index = e instanceof TokenEntity t ? t.index() : null;
        return RowFactory.create(e.label(), e.score(), index, e.word(), e.start(), e.end());
    }

    private record Task(int col, String modelSpec, String aggregationStrategy, List<String> ignoreLabels,
                        Integer stride, BatchBudget budget) implements RowTask {
        TokenClassificationOptions options() {
            return new TokenClassificationOptions(AggregationStrategy.parse(aggregationStrategy), ignoreLabels, stride);
        }

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
            TokenClassificationPipeline p = ExecutorModels.<TokenClassificationPipeline>get(
                    new ExecutorModels.Key(KIND, modelSpec),
                    () -> TokenClassificationPipeline.load(ModelLocation.directory(modelSpec)))
                    .withPlanner(budget.planner());
            TokenClassificationOptions options = options();
            return (ctx, rows) -> {
                List<String> texts = rows.stream().map(r -> r.getString(col)).toList();
                List<Object> out = new ArrayList<>(rows.size());
                for (List<Entity> entities : p.runBatch(ctx, texts, options)) {
                    out.add(Bert4jTransformer.seq(entities.stream().map(Bert4jTokenClassifier::entity).toList()));
                }
                return out;
            };
        }
    }
}
