package dev.bert4j.spark;

import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.qa.QuestionContext;
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

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Extractive question answering as a Spark ML stage: HF's {@code question-answering} pipeline
 * ({@link QuestionAnsweringPipeline}) on {@code questionCol} and {@code contextCol}. The output is an array of up
 * to {@code topK} {@code struct<score, start, end, answer>}, best first ({@code start}/{@code end}: character
 * offsets into the context). A row whose question or context is null gets null. The window options default as
 * in HF: {@code maxSeqLen} min(model limit, 384), {@code docStride} min(maxSeqLen / 2, 128).
 */
public final class Bert4jQuestionAnswering extends Bert4jTransformer<Bert4jQuestionAnswering> {
    private static final long serialVersionUID = 1L;
    static final String KIND = "question-answering";
    static final StructType ANSWER = new StructType().add("score", DataTypes.DoubleType, false)
            .add("start", DataTypes.IntegerType, false).add("end", DataTypes.IntegerType, false)
            .add("answer", DataTypes.StringType, false);

    private final Param<String> questionCol;
    private final Param<String> contextCol;
    private final IntParam topK;
    private final IntParam maxAnswerLen;
    private final IntParam maxSeqLen;
    private final IntParam docStride;
    private final BooleanParam handleImpossibleAnswer;
    private final BooleanParam alignToWords;

    public Bert4jQuestionAnswering() {
        this(Identifiable.randomUID("bert4jQuestionAnswering"));
    }

    public Bert4jQuestionAnswering(String uid) {
        super(uid, "answers");
        this.questionCol = new Param<>(this, "questionCol", "input column of questions");
        this.contextCol = new Param<>(this, "contextCol", "input column of contexts");
        this.topK = new IntParam(this, "topK", "answers per row, best first", ParamValidators.gtEq(1));
        this.maxAnswerLen = new IntParam(this, "maxAnswerLen", "longest answer, in tokens", ParamValidators.gtEq(1));
        this.maxSeqLen = new IntParam(this, "maxSeqLen", "tokens per window (unset: min(model limit, 384))",
                ParamValidators.gtEq(1));
        this.docStride = new IntParam(this, "docStride", "tokens shared by consecutive context windows (unset:"
                + " min(maxSeqLen / 2, 128))", ParamValidators.gtEq(0));
        this.handleImpossibleAnswer = new BooleanParam(this, "handleImpossibleAnswer", "let the empty answer compete");
        this.alignToWords = new BooleanParam(this, "alignToWords", "widen answers to whole words");
        setDefault(questionCol, "question");
        setDefault(contextCol, "context");
        setDefault(topK, 1);
        setDefault(maxAnswerLen, 15);
        setDefault(handleImpossibleAnswer, false);
        setDefault(alignToWords, true);
    }

    public static MLReader<Bert4jQuestionAnswering> read() {
        return new DefaultParamsReader<>();
    }

    public static Bert4jQuestionAnswering load(String path) {
        return read().load(path);
    }

    public Param<String> questionCol() {
        return questionCol;
    }

    public Param<String> contextCol() {
        return contextCol;
    }

    public IntParam topK() {
        return topK;
    }

    public IntParam maxAnswerLen() {
        return maxAnswerLen;
    }

    public IntParam maxSeqLen() {
        return maxSeqLen;
    }

    public IntParam docStride() {
        return docStride;
    }

    public BooleanParam handleImpossibleAnswer() {
        return handleImpossibleAnswer;
    }

    public BooleanParam alignToWords() {
        return alignToWords;
    }

    public Bert4jQuestionAnswering setQuestionCol(String value) {
        return setParam(questionCol, value);
    }

    public Bert4jQuestionAnswering setContextCol(String value) {
        return setParam(contextCol, value);
    }

    public Bert4jQuestionAnswering setTopK(int value) {
        return setParam(topK, value);
    }

    public Bert4jQuestionAnswering setMaxAnswerLen(int value) {
        return setParam(maxAnswerLen, value);
    }

    public Bert4jQuestionAnswering setMaxSeqLen(int value) {
        return setParam(maxSeqLen, value);
    }

    public Bert4jQuestionAnswering setDocStride(int value) {
        return setParam(docStride, value);
    }

    public Bert4jQuestionAnswering setHandleImpossibleAnswer(boolean value) {
        return setParam(handleImpossibleAnswer, value);
    }

    public Bert4jQuestionAnswering setAlignToWords(boolean value) {
        return setParam(alignToWords, value);
    }

    @Override
    protected List<String> inputColumns() {
        return List.of($(questionCol), $(contextCol));
    }

    @Override
    protected DataType outputDataType() {
        return DataTypes.createArrayType(ANSWER, false);
    }

    @Override
    protected RowTask rowTask(StructType schema) {
        Settings s = new Settings((Integer) $(topK), (Integer) $(maxAnswerLen),
                isSet(maxSeqLen) ? (Integer) $(maxSeqLen) : null, isSet(docStride) ? (Integer) $(docStride) : null,
                (Boolean) $(handleImpossibleAnswer), (Boolean) $(alignToWords));
        return new Task(schema.fieldIndex($(questionCol)), schema.fieldIndex($(contextCol)), getModelPath(), s,
                budget());
    }

    /** The options as they travel; {@link #options} completes them from the model's defaults. */
    record Settings(int topK, int maxAnswerLen, Integer maxSeqLen, Integer docStride, boolean handleImpossibleAnswer,
                    boolean alignToWords) implements Serializable {
        QuestionAnsweringOptions options(QuestionAnsweringPipeline p) {
            QuestionAnsweringOptions o = p.defaultOptions();
            int seq = maxSeqLen != null ? maxSeqLen : o.maxSeqLen();
            int stride = docStride != null ? docStride
                    : maxSeqLen != null ? QuestionAnsweringOptions.defaultDocStride(seq) : o.docStride();
            return o.withWindows(seq, stride, o.maxQuestionLen()).withTopK(topK).withMaxAnswerLen(maxAnswerLen)
                    .withHandleImpossibleAnswer(handleImpossibleAnswer).withAlignToWords(alignToWords);
        }
    }

    private record Task(int questionCol, int contextCol, String modelSpec, Settings settings, BatchBudget budget)
            implements RowTask {
        @Override
        public boolean hasInput(Row row) {
            return !row.isNullAt(questionCol) && !row.isNullAt(contextCol);
        }

        @Override
        public long inputChars(Row row) {
            return row.getString(questionCol).length() + row.getString(contextCol).length();
        }

        @Override
        public Batch open() {
            QuestionAnsweringPipeline p = ExecutorModels.<QuestionAnsweringPipeline>get(
                    new ExecutorModels.Key(KIND, modelSpec),
                    () -> QuestionAnsweringPipeline.load(ModelLocation.directory(modelSpec)))
                    .withPlanner(budget.planner());
            QuestionAnsweringOptions options = settings.options(p);
            return (ctx, rows) -> {
                List<QuestionContext> inputs = rows.stream()
                        .map(r -> new QuestionContext(r.getString(questionCol), r.getString(contextCol))).toList();
                List<Object> out = new ArrayList<>(rows.size());
                for (List<Answer> answers : p.runBatch(ctx, inputs, options)) {
                    out.add(Bert4jTransformer.seq(answers.stream()
                            .map(a -> RowFactory.create(a.score(), a.start(), a.end(), a.answer())).toList()));
                }
                return out;
            };
        }
    }
}
