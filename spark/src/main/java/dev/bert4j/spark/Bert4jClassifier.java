package dev.bert4j.spark;

import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.classification.TextClassificationPipeline;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Text classification as a Spark ML stage: HF's {@code text-classification} pipeline
 * ({@link TextClassificationPipeline}) on {@code inputCol}, with an optional {@code pairCol} for text pairs. The
 * output is {@code array<struct<label: string, score: double>>}, best first: the best label only by default
 * ({@code topK} 1), the best {@code topK}, or every label with {@code topK} 0. A null text gives null; a null
 * pair classifies the text alone.
 *
 * <p>Unlike HF's default, {@code truncation} is on: one text longer than the model's limit should not fail a job
 * over millions of rows. Set it to false to have such a text fail its task with the pipeline's message.
 */
public final class Bert4jClassifier extends Bert4jTransformer<Bert4jClassifier> {
    private static final long serialVersionUID = 1L;
    static final String KIND = "classifier";
    static final StructType LABEL = new StructType().add("label", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);

    private final Param<String> inputCol;
    private final Param<String> pairCol;
    private final IntParam topK;
    private final Param<String> functionToApply;
    private final BooleanParam truncation;

    public Bert4jClassifier() {
        this(Identifiable.randomUID("bert4jClassifier"));
    }

    public Bert4jClassifier(String uid) {
        super(uid, "labels");
        this.inputCol = new Param<>(this, "inputCol", "input column of texts");
        this.pairCol = new Param<>(this, "pairCol", "input column of second texts (text pairs); unset for single texts");
        this.topK = new IntParam(this, "topK", "labels to return, best first; 0 for all", ParamValidators.gtEq(0));
        this.functionToApply = new Param<>(this, "functionToApply", "default (from the config), sigmoid, softmax"
                + " or none", ParamValidators.inArray(new String[] {"default", "sigmoid", "softmax", "none"}));
        this.truncation = new BooleanParam(this, "truncation", "cut texts longer than the model's limit (longest"
                + " first) instead of failing on them");
        setDefault(inputCol, "text");
        setDefault(topK, 1);
        setDefault(functionToApply, "default");
        setDefault(truncation, true);
    }

    public static MLReader<Bert4jClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static Bert4jClassifier load(String path) {
        return read().load(path);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> pairCol() {
        return pairCol;
    }

    public IntParam topK() {
        return topK;
    }

    public Param<String> functionToApply() {
        return functionToApply;
    }

    public BooleanParam truncation() {
        return truncation;
    }

    public Bert4jClassifier setInputCol(String value) {
        return setParam(inputCol, value);
    }

    public Bert4jClassifier setPairCol(String value) {
        return setParam(pairCol, value);
    }

    public Bert4jClassifier setTopK(int value) {
        return setParam(topK, value);
    }

    public Bert4jClassifier setFunctionToApply(String value) {
        return setParam(functionToApply, value);
    }

    public Bert4jClassifier setTruncation(boolean value) {
        return setParam(truncation, value);
    }

    @Override
    protected List<String> inputColumns() {
        return isSet(pairCol) ? List.of($(inputCol), $(pairCol)) : List.of($(inputCol));
    }

    @Override
    protected DataType outputDataType() {
        return DataTypes.createArrayType(LABEL, false);
    }

    @Override
    protected RowTask rowTask(StructType schema) {
        Task task = new Task(schema.fieldIndex($(inputCol)), isSet(pairCol) ? schema.fieldIndex($(pairCol)) : -1,
                getModelPath(), (Integer) $(topK), $(functionToApply), (Boolean) $(truncation), budget());
        task.options();                                // fail here, on the driver, for a bad option
        return task;
    }

    private record Task(int col, int pairCol, String modelSpec, int topK, String functionToApply, boolean truncation,
                        BatchBudget budget) implements RowTask {
        TextClassificationOptions options() {
            LabelSelection selection = topK == 0 ? LabelSelection.all()
                    : topK == 1 ? LabelSelection.best() : LabelSelection.top(topK);
            return new TextClassificationOptions(selection, FunctionToApply.parse(functionToApply), truncation);
        }

        @Override
        public boolean hasInput(Row row) {
            return !row.isNullAt(col);
        }

        @Override
        public long inputChars(Row row) {
            return row.getString(col).length() + (pairCol < 0 || row.isNullAt(pairCol) ? 0 : row.getString(pairCol).length());
        }

        @Override
        public Batch open() {
            TextClassificationPipeline p = ExecutorModels.<TextClassificationPipeline>get(
                    new ExecutorModels.Key(KIND, modelSpec),
                    () -> TextClassificationPipeline.load(ModelLocation.directory(modelSpec)))
                    .withPlanner(budget.planner());
            TextClassificationOptions options = options();
            return (ctx, rows) -> {
                List<String> texts = rows.stream().map(r -> r.getString(col)).toList();
                List<String> pairs = pairCol < 0 ? null : rows.stream().map(r -> r.getString(pairCol)).toList();
                List<Object> out = new ArrayList<>(rows.size());
                for (List<LabelScore> labels : p.runBatch(ctx, texts, pairs, options)) {
                    out.add(Bert4jTransformer.seq(labels.stream().map(l -> RowFactory.create(l.label(), l.score())).toList()));
                }
                return out;
            };
        }
    }
}
