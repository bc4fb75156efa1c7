package dev.bert4j.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bert4j.model.BertConfig;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.embedding.TokenFeatures;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionContext;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.tensor.Tensor;

import dev.bert4j.tokenizers.SpecialTokens;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.viz.AttentionPage;
import dev.bert4j.viz.AttentionReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bert4j's routes for the tasks TEI lacks: a body is one request with the field names of the CLI's JSON Lines
 * input ({@code text}, {@code text_pair}, {@code question}, {@code context}) and its options in snake case
 * ({@code top_k}, {@code aggregation_strategy}, ...); the answer is what the CLI prints for one input.
 */
final class TaskRoutes {
    private final TeiRoutes tei;
    private final TeiRoutes.Server s;

    TaskRoutes(TeiRoutes tei, TeiRoutes.Server s) {
        this.tei = tei;
        this.s = s;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/fill-mask", Route.Family.TEI, this::fillMask),
                new Route("POST", "/classify", Route.Family.TEI, this::classify),
                new Route("POST", "/ner", Route.Family.TEI, this::ner),
                new Route("POST", "/qa", Route.Family.TEI, this::qa),
                new Route("POST", "/nsp", Route.Family.TEI, this::nsp),
                new Route("POST", "/feature-extraction", Route.Family.TEI, this::featureExtraction),
                new Route("POST", "/attention", Route.Family.TEI, this::attention),
                new Route("POST", "/attention/page", Route.Family.TEI, this::attentionPage));
    }

    private <I, R> R one(InferenceQueue.Operation<I, R> op, I input, int chars) {
        try (Slots.Held h = s.inference().hold(1)) {
            return s.inference().run(op, List.of(input), Math.max(1, chars / 4)).getFirst();
        }
    }

    private static String text(Body b, String field) {
        String t = b.text(field);
        if (t.isEmpty()) {
            throw ApiException.validation(field, "`" + field + "` cannot be empty");
        }
        return t;
    }

    /** An optional text: absent or null, or not empty. */
    private static String optText(Body b, String field) {
        return b.has(field) ? text(b, field) : null;
    }

    private Object require(Object pipeline, String route, String head) {
        if (pipeline == null) {
            throw ApiException.notSupported("/" + route + " needs a model with " + head + "; this one is "
                    + tei.describe());
        }
        return pipeline;
    }

    private Object fillMask(Body b) {
        require(s.model().fillMask(), "fill-mask", "a masked-LM head (BertForMaskedLM or BertForPreTraining)");
        String text = text(b, "text");
        FillMaskOptions options = FillMaskOptions.DEFAULTS.withTopK(b.integer("top_k", FillMaskOptions.DEFAULTS.topK()))
                .withTargets(b.optTexts("targets"));
        List<List<MaskPrediction>> perMask = one(new Operations.FillMask(s.model().fillMask(), options), text,
                text.length());
        return perMask.size() == 1 ? perMask.getFirst() : perMask;
    }

    private Object classify(Body b) {
        require(s.model().classification(), "classify", "a sequence-classification head");
        String text = text(b, "text");
        String pair = optText(b, "text_pair");
        TextClassificationOptions options = TextClassificationOptions.DEFAULTS.withTopK(selection(b))
                .withFunctionToApply(FunctionToApply.parse(b.has("function_to_apply") ? b.text("function_to_apply")
                        : "default"))
                .withTruncation(b.bool("truncation", s.options().autoTruncate()));
        return one(new Operations.Classify(s.model().classification(), options), new String[] {text, pair},
                text.length() + (pair == null ? 0 : pair.length()));
    }

    /** {@code top_k}: a number, {@code "all"} or null; {@code return_all_scores}: HF's legacy switch. */
    private static LabelSelection selection(Body b) {
        if (b.bool("return_all_scores", false)) {
            return LabelSelection.returnAllScores(true);
        }
        if (!b.has("top_k")) {
            return LabelSelection.best();
        }
        JsonNode k = b.raw().get("top_k");
        if (k.isTextual() && (k.asText().equalsIgnoreCase("all") || k.asText().equalsIgnoreCase("none"))) {
            return LabelSelection.all();
        }
        return LabelSelection.top(Body.integer("top_k", k));
    }

    private Object ner(Body b) {
        require(s.model().ner(), "ner", "a token-classification head");
        String text = text(b, "text");
        TokenClassificationOptions options = TokenClassificationOptions.DEFAULTS
                .withAggregationStrategy(AggregationStrategy.parse(b.has("aggregation_strategy")
                        ? b.text("aggregation_strategy") : "none"))
                .withStride(b.optInt("stride"));
        List<String> ignore = b.optTexts("ignore_labels");
        if (ignore != null) {
            options = options.withIgnoreLabels(ignore);
        }
        return one(new Operations.Ner(s.model().ner(), options), text, text.length());
    }

    private Object qa(Body b) {
        require(s.model().qa(), "qa", "a question-answering head");
        String question = text(b, "question");
        String context = text(b, "context");
        QuestionAnsweringOptions d = s.model().qa().defaultOptions();
        int seqLen = b.integer("max_seq_len", d.maxSeqLen());
        Integer stride = b.optInt("doc_stride");
        int topK = b.integer("top_k", 1);
        QuestionAnsweringOptions options = d.withWindows(seqLen, stride != null ? stride
                        : b.has("max_seq_len") ? QuestionAnsweringOptions.defaultDocStride(seqLen) : d.docStride(),
                        b.integer("max_question_len", d.maxQuestionLen()))
                .withTopK(topK)
                .withMaxAnswerLen(b.integer("max_answer_len", d.maxAnswerLen()))
                .withHandleImpossibleAnswer(b.bool("handle_impossible_answer", false))
                .withAlignToWords(b.bool("align_to_words", true));
        List<Answer> answers = one(new Operations.Qa(s.model().qa(), options), new QuestionContext(question, context),
                question.length() + context.length());
        return topK == 1 && answers.size() == 1 ? answers.getFirst() : answers;
    }

    private Object nsp(Body b) {
        require(s.model().nsp(), "nsp", "a next-sentence head (BertForNextSentencePrediction or BertForPreTraining)");
        String a = text(b, "text");
        String second = text(b, "text_pair");
        return one(new Operations.Nsp(s.model().nsp()), new String[] {a, second}, a.length() + second.length());
    }

    private Object featureExtraction(Body b) {
        String text = text(b, "text");
        String pair = optText(b, "text_pair");
        boolean hidden = b.bool("hidden_states", false);
        boolean attentions = b.bool("attentions", false);
        TokenFeatures f = one(new Operations.Features(s.model().features(), hidden, attentions),
                new String[] {text, pair}, text.length() + (pair == null ? 0 : pair.length()));
        return new Features(List.of(f.tokens()), nested(f.lastHiddenState()),
                f.hiddenStates() == null ? null : f.hiddenStates().stream().map(TaskRoutes::nested).toList(),
                f.attentions() == null ? null : f.attentions().stream().map(TaskRoutes::nested).toList(),
                f.truncated() ? Boolean.TRUE : null);
    }

    /** The CLI's feature-extraction answer; absent parts are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Features(List<String> tokens, Object lastHiddenState, List<Object> hiddenStates, List<Object> attentions,
                    Boolean truncated) {
    }

    /** {@code /attention}: one layer and head's attention probabilities (T, T) over the text's tokens. */
    private Object attention(Body b) {
        String text = text(b, "text");
        String pair = optText(b, "text_pair");
        BertConfig c = s.model().base().model().config();
        int layer = b.integer("layer", 0);
        int head = b.integer("head", 0);
        if (layer < 0 || layer >= c.numHiddenLayers()) {
            throw ApiException.validation("layer", "`layer` must be 0 to " + (c.numHiddenLayers() - 1) + ", got " + layer);
        }
        if (head < 0 || head >= c.numAttentionHeads()) {
            throw ApiException.validation("head", "`head` must be 0 to " + (c.numAttentionHeads() - 1) + ", got " + head);
        }
        TokenFeatures f = one(new Operations.Features(s.model().features(), false, true), new String[] {text, pair},
                text.length() + (pair == null ? 0 : pair.length()));
        Tensor a = f.attentions().get(layer);                                           // (H, T, T)
        int T = a.dim(1);
        float[][] rows = new float[T][];
        for (int i = 0; i < T; i++) {
            rows[i] = Arrays.copyOfRange(a.data(), (head * T + i) * T, (head * T + i + 1) * T);
        }
        return new AttentionMap(List.of(f.tokens()), layer, head, rows, f.truncated() ? Boolean.TRUE : null);
    }

    /**
     * {@code /attention/page}: the page {@code bert4j attention} writes (head view, model view, summaries) for a
     * posted text, as one self-contained HTML document. It holds every layer and head, so it takes at most
     * {@link #PAGE_MAX_TOKENS} tokens; {@code /attention} gives one layer and head of longer texts.
     */
    private Object attentionPage(Body b) {
        String text = text(b, "text");
        String pair = optText(b, "text_pair");
        Tokenizer t = s.model().tokenizer().withoutPadding().withoutTruncation();
        int tokens = (pair == null ? t.encode(text) : t.encode(text, pair)).length();
        if (tokens > PAGE_MAX_TOKENS) {
            throw ApiException.validation("text", "the attention page takes at most " + PAGE_MAX_TOKENS
                    + " tokens, got " + tokens + "; /attention gives one layer and head of a longer text");
        }
        TokenFeatures f = one(new Operations.Features(s.model().features(), false, true), new String[] {text, pair},
                text.length() + (pair == null ? 0 : pair.length()));
        SpecialTokens special = s.model().tokenizer().specialTokens();
        AttentionReport report = AttentionReport.of(s.options().modelId(), text, pair, List.of(f.tokens()),
                f.truncated(), f.attentions(), special.cls(), special.sep());
        return new Route.Raw(AttentionPage.html(report).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /** Tokens the attention page takes: its numbers grow as layers x heads x tokens squared. */
    static final int PAGE_MAX_TOKENS = 128;

    /** Row i is how much token i attends to each token; each row sums to 1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttentionMap(List<String> tokens, int layer, int head, float[][] attention, Boolean truncated) {
    }

    /** A tensor as nested arrays following its shape. */
    static Object nested(Tensor t) {
        return nested(t, 0, 0);
    }

    private static Object nested(Tensor t, int dim, int offset) {
        int n = t.dim(dim);
        if (dim == t.rank() - 1) {
            return Arrays.copyOfRange(t.data(), offset, offset + n);
        }
        int stride = 1;
        for (int d = dim + 1; d < t.rank(); d++) {
            stride *= t.dim(d);
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(nested(t, dim + 1, offset + i * stride));
        }
        return out;
    }
}
