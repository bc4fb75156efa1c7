package dev.bert4j.pipeline.qa;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * HF's {@code QuestionAnsweringPipeline.postprocess} (fast-tokenizer path, question first): the start
 * and end logits of every window of a context to the best {@link Answer}s.
 *
 * <p>Per window, {@link SpanDecoder} finds the best {@code top_k} spans. Each span becomes character
 * offsets: with {@code align_to_words}, from the start of the start token's word to the end of the
 * end token's word (the word's tokens within this window and the context); otherwise the tokens' own
 * offsets. A span whose text equals, ignoring case, an answer already found (in this window or an
 * earlier one) adds its score to that answer instead of making a new one, which keeps the first
 * answer's offsets. With {@code handle_impossible_answer} the empty answer (start = end = 0) is added
 * with the smallest null score of all windows. Answers are sorted by score, best first (stably), and
 * the first {@code top_k} returned. HF returns a bare dict for a single answer; here it is always a
 * list.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class QuestionAnsweringPostprocessor {

    private final OptionalInt clsTokenId;

    /** @param clsTokenId the tokenizer's {@code cls_token_id}; its positions may carry the null answer */
    public QuestionAnsweringPostprocessor(OptionalInt clsTokenId) {
        this.clsTokenId = clsTokenId;
    }

    /** HF's argument checks: a question and a context, neither empty. */
    public static void validateInputs(String question, String context) {
        for (String[] input : new String[][] {{"question", question}, {"context", context}}) {
            if (input[1] == null) {
                throw new PipelineInputException("`" + input[0] + "` cannot be None: give a " + input[0]);
            }
            if (input[1].isEmpty()) {
                throw new PipelineInputException("`" + input[0] + "` cannot be empty: give a non-empty " + input[0]);
            }
        }
    }

    /**
     * @param context the context text that the windows' context offsets point into
     * @param windows the encoded windows in order, at least one
     * @param options the pipeline options
     * @return up to {@code top_k} answers, best first; empty when no window has a context token and
     *         impossible answers are not handled
     */
    public List<Answer> postprocess(String context, List<QuestionAnsweringWindow> windows,
            QuestionAnsweringOptions options) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no question-answering windows");
        }
        List<Answer> answers = new ArrayList<>();
        double minNullScore = Double.POSITIVE_INFINITY;
        for (QuestionAnsweringWindow window : windows) {
            SpanDecoder.WindowSpans found = SpanDecoder.decode(window.startLogits(), window.endLogits(),
                    answerTokens(window), options.topK(), options.maxAnswerLen());
            minNullScore = Math.min(minNullScore, found.nullScore());
            for (SpanDecoder.Span span : found.spans()) {
                addOrMerge(answers, toAnswer(context, window, span, options.alignToWords()));
            }
        }
        if (options.handleImpossibleAnswer()) {
            answers.add(new Answer(minNullScore, 0, 0, ""));
        }
        answers.sort(Comparator.comparingDouble(Answer::score).reversed());
        return List.copyOf(answers.subList(0, Math.min(options.topK(), answers.size())));
    }

    /** The complement of HF's {@code p_mask}: context tokens, and every {@code [CLS]}. */
    private boolean[] answerTokens(QuestionAnsweringWindow window) {
        boolean[] allowed = new boolean[window.length()];
        for (int i = 0; i < allowed.length; i++) {
            boolean cls = clsTokenId.isPresent() && window.inputIds()[i] == clsTokenId.getAsInt();
            allowed[i] = window.sequenceIds()[i] == 1 || cls;
        }
        return allowed;
    }

    /** HF's {@code get_answer}: merge into an answer with the same text, ignoring case. */
    private static void addOrMerge(List<Answer> answers, Answer answer) {
        String key = answer.answer().toLowerCase(Locale.ROOT);
        for (int i = 0; i < answers.size(); i++) {
            Answer known = answers.get(i);
            if (known.answer().toLowerCase(Locale.ROOT).equals(key)) {
                answers.set(i, new Answer(known.score() + answer.score(), known.start(), known.end(), known.answer()));
                return;
            }
        }
        answers.add(answer);
    }

    private static Answer toAnswer(String context, QuestionAnsweringWindow window, SpanDecoder.Span span,
            boolean alignToWords) {
        int start = window.offsets()[span.start()][0];
        int end = window.offsets()[span.end()][1];
        int startWord = window.wordIds()[span.start()];
        int endWord = window.wordIds()[span.end()];
        if (alignToWords && startWord >= 0 && endWord >= 0) {
            start = window.offsets()[firstContextToken(window, startWord)][0];
            end = window.offsets()[lastContextToken(window, endWord)][1];
        }
        if (start < 0 || start > end || end > context.length()) {
            throw new IllegalArgumentException("answer offsets [" + start + ", " + end
                    + ") fall outside the context of length " + context.length());
        }
        return new Answer(span.score(), start, end, context.substring(start, end));
    }

    private static int firstContextToken(QuestionAnsweringWindow window, int word) {
        for (int i = 0; i < window.length(); i++) {
            if (window.sequenceIds()[i] == 1 && window.wordIds()[i] == word) {
                return i;
            }
        }
        throw new IllegalStateException("word " + word + " has no context token in the window");
    }

    private static int lastContextToken(QuestionAnsweringWindow window, int word) {
        for (int i = window.length() - 1; i >= 0; i--) {
            if (window.sequenceIds()[i] == 1 && window.wordIds()[i] == word) {
                return i;
            }
        }
        throw new IllegalStateException("word " + word + " has no context token in the window");
    }
}
