package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.qa.QuestionContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j qa}: extractive question answering, as Hugging Face's question-answering pipeline. */
@Command(name = "qa",
        description = {"Find the answer to --question in --context with a question-answering model.",
            "Prints {answer, score, start, end} (a list when --top-k > 1). Without --question and --context,"
                + " JSON Lines {\"question\": ..., \"context\": ...} from standard input."})
final class QaCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    /** JSON Lines: question and context in; one {@link Answer}'s fields, or {@code answers}, out. */
    static final Fields FIELDS = new Fields(Set.of("question", "context"),
            Set.of("answer", "score", "start", "end", "answers"));

    @Option(names = "--question", paramLabel = "Q") String question;
    @Option(names = "--context", paramLabel = "C") String context;

    @Option(names = {"--top-k", "--top_k"}, paramLabel = "K", defaultValue = "1", description = "Answers (default 1).")
    int topK;

    @Option(names = {"--doc-stride", "--doc_stride"}, paramLabel = "N",
            description = "Tokens shared by context windows (default min(max_seq_len / 2, 128)).")
    Integer docStride;

    @Option(names = {"--max-answer-len", "--max_answer_len"}, paramLabel = "N", defaultValue = "15",
            description = "Longest answer in tokens (default 15).")
    int maxAnswerLen;

    @Option(names = {"--max-seq-len", "--max_seq_len"}, paramLabel = "N",
            description = "Longest window in tokens (default min(model limit, 384)).")
    Integer maxSeqLen;

    @Option(names = {"--max-question-len", "--max_question_len"}, paramLabel = "N", defaultValue = "64",
            description = "Longest question in tokens (default 64).")
    int maxQuestionLen;

    @Option(names = {"--handle-impossible-answer", "--handle_impossible_answer"},
            description = "Let the empty answer compete (scored from [CLS]).")
    boolean handleImpossibleAnswer;

    @Option(names = {"--align-to-words", "--align_to_words"}, negatable = true, defaultValue = "true",
            fallbackValue = "true", description = "Widen answers to whole words (default true).")
    boolean alignToWords;

    @Override
    public Integer call() {
        QuestionAnsweringPipeline pipeline = QuestionAnsweringPipeline.load(
                model.taskDirectory("a question-answering head (BertForQuestionAnswering)"));
        QuestionAnsweringOptions options = options(pipeline.defaultOptions());
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (question != null || context != null) {
                if (question == null || context == null) {
                    throw new IllegalArgumentException("give both --question and --context (or neither, for JSON Lines)");
                }
                Object result = shape(pipeline.run(ctx, question, context, options), topK);
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            JsonLinesTask<QuestionContext> task = new JsonLinesTask<>(FIELDS,
                    line -> new QuestionContext(Fields.required(line, "question"), Fields.required(line, "context")),
                    requests -> {
                        List<Object> shaped = new ArrayList<>();
                        pipeline.runBatch(ctx, requests, options).forEach(a -> shaped.add(lineOf(a, topK)));
                        return shaped;
                    });
            return task.run(parent.in(), out, model.progress("Answering", parent));
        }
    }

    private QuestionAnsweringOptions options(QuestionAnsweringOptions defaults) {
        int seqLen = maxSeqLen != null ? maxSeqLen : defaults.maxSeqLen();
        int stride = docStride != null ? docStride
                : maxSeqLen != null ? QuestionAnsweringOptions.defaultDocStride(seqLen) : defaults.docStride();
        return defaults.withWindows(seqLen, stride, maxQuestionLen)
                .withTopK(topK)
                .withMaxAnswerLen(maxAnswerLen)
                .withHandleImpossibleAnswer(handleImpossibleAnswer)
                .withAlignToWords(alignToWords);
    }

    /** JSON Lines answer: the one answer's fields for top_k 1, else the list under {@code answers}. */
    private static Object lineOf(List<Answer> answers, int topK) {
        Object shaped = shape(answers, topK);
        return shaped instanceof Answer a ? a : new AnswersLine(answers);
    }

    record AnswersLine(List<Answer> answers) {
    }

    /** As HF: one answer object for top_k 1, a list otherwise. */
    private static Object shape(List<Answer> answers, int topK) {
        return topK == 1 && answers.size() == 1 ? answers.getFirst() : answers;
    }
}
