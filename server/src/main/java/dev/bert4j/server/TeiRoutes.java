package dev.bert4j.server;

import dev.bert4j.pipeline.Batching;
import dev.bert4j.pipeline.BatchPlanner;
import dev.bert4j.pipeline.classification.FunctionToApply;
import dev.bert4j.pipeline.classification.LabelScore;
import dev.bert4j.pipeline.classification.LabelSelection;
import dev.bert4j.pipeline.classification.TextClassificationOptions;
import dev.bert4j.pipeline.embedding.Pooling;
import dev.bert4j.pipeline.embedding.Similarity;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Truncation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of Hugging Face's text-embeddings-inference, with its field names, defaults, answers and status
 * codes: {@code /embed}, {@code /embed_all}, {@code /similarity}, {@code /predict}, {@code /rerank},
 * {@code /tokenize}, {@code /decode}, {@code /info}, {@code /health}, {@code /metrics}.
 */
final class TeiRoutes {
    private final Server s;

    TeiRoutes(Server s) {
        this.s = s;
    }

    /** What the route classes share: the model, the options, the queue, the encoder, the metrics. */
    record Server(ServedModel model, ServerOptions options, Inference inference, InputEncoder encoder,
                  ServerMetrics metrics, String version) {
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/embed", Route.Family.TEI, this::embed),
                new Route("POST", "/embed_all", Route.Family.TEI, this::embedAll),
                new Route("POST", "/similarity", Route.Family.TEI, this::similarity),
                new Route("POST", "/predict", Route.Family.TEI, this::predict),
                new Route("POST", "/rerank", Route.Family.TEI, this::rerank),
                new Route("POST", "/tokenize", Route.Family.TEI, this::tokenize),
                new Route("POST", "/decode", Route.Family.TEI, this::decode),
                new Route("GET", "/info", Route.Family.TEI, b -> info()),
                new Route("GET", "/health", Route.Family.TEI, b -> new Route.Raw(new byte[0], "text/plain")),
                new Route("GET", "/metrics", Route.Family.TEI,
                        b -> new Route.Raw(s.metrics().scrape(), ServerMetrics.contentType())));
    }

    /** {@code truncate} (absent: the server's {@code --auto-truncate}). */
    boolean truncate(Body b) {
        return b.bool("truncate", s.options().autoTruncate());
    }

    /** {@code truncation_direction}: {@code Right} (default) or {@code Left}. */
    static Truncation.Direction direction(Body b) {
        String d = b.optText("truncation_direction");
        if (d == null || d.equalsIgnoreCase("right")) {
            return Truncation.Direction.RIGHT;
        }
        if (d.equalsIgnoreCase("left")) {
            return Truncation.Direction.LEFT;
        }
        throw ApiException.validation("truncation_direction", "`truncation_direction` must be `Left` or `Right`, got `"
                + d + "`");
    }

    static void noPrompts(Body b) {
        if (b.has("prompt_name")) {
            throw ApiException.validation("prompt_name", "`prompt_name` cannot be set: this model defines no prompts");
        }
    }

    /** Sentence embeddings of {@code inputs}, normalized or not, cut to {@code dimensions} when given. */
    List<float[]> embeddings(List<Input> inputs, boolean truncate, Truncation.Direction direction, boolean normalize,
                             Integer dimensions, int[] tokens) {
        List<Encoding> encodings = s.encoder().encode(inputs, truncate, direction);
        int total = InputEncoder.tokens(encodings);
        if (tokens != null) {
            tokens[0] = total;
        }
        List<float[]> vectors = s.inference().run(new Operations.Embed(s.model().embeddings()), encodings, total);
        List<float[]> out = new ArrayList<>(vectors.size());
        for (float[] v : vectors) {
            float[] w = dimensions == null ? v.clone() : java.util.Arrays.copyOf(v, dimensions);
            if (normalize) {
                Pooling.normalize(w);
            }
            out.add(w);
        }
        return out;
    }

    /** {@code dimensions}: at least 1 and at most the model's. */
    Integer dimensions(Body b, String field) {
        Integer d = b.optInt(field);
        int max = s.model().embeddings().dimensions();
        if (d != null && (d < 1 || d > max)) {
            throw ApiException.validation(field, "`" + field + "` must be between 1 and " + max + ", got " + d);
        }
        return d;
    }

    private Object embed(Body b) {
        List<Input> inputs = Input.parse("inputs", b.raw().get("inputs"), s.options().maxClientBatchSize());
        noPrompts(b);
        try (Slots.Held h = s.inference().hold(inputs.size())) {
            return embeddings(inputs, truncate(b), direction(b), b.bool("normalize", true), dimensions(b, "dimensions"),
                    null);
        }
    }

    private Object embedAll(Body b) {
        List<Input> inputs = Input.parse("inputs", b.raw().get("inputs"), s.options().maxClientBatchSize());
        noPrompts(b);
        try (Slots.Held h = s.inference().hold(inputs.size())) {
            List<Encoding> encodings = s.encoder().encode(inputs, truncate(b), direction(b));
            BatchPlanner planner = new BatchPlanner(s.options().maxBatchTokens(), BatchPlanner.DEFAULT_MAX_SEQUENCES);
            return s.inference().run(new Operations.EmbedAll(s.model().base().model(), planner), encodings,
                    InputEncoder.tokens(encodings));
        }
    }

    private Object similarity(Body b) {
        JsonNode in = b.required("inputs");
        if (!in.isObject()) {
            throw Body.wrongType("inputs", in, "an object {\"source_sentence\", \"sentences\"}");
        }
        Body inputs = new Body(in);
        String source = inputs.text("source_sentence");
        List<String> sentences = inputs.optTexts("sentences");
        if (sentences == null || sentences.isEmpty()) {
            throw ApiException.validation("sentences", "`inputs.sentences` cannot be empty");
        }
        if (sentences.size() + 1 > s.options().maxClientBatchSize()) {
            throw ApiException.validation("batch size " + (sentences.size() + 1) + " > maximum allowed batch size "
                    + s.options().maxClientBatchSize());
        }
        Body parameters = b.has("parameters") ? new Body(b.required("parameters")) : new Body(
                ApiHandler.JSON.createObjectNode());
        noPrompts(parameters);
        List<Input> all = new ArrayList<>();
        all.add(new Input.Text(source));
        sentences.forEach(t -> all.add(new Input.Text(t)));
        try (Slots.Held h = s.inference().hold(all.size())) {
            List<float[]> v = embeddings(all, truncate(parameters), direction(parameters), true, null, null);
            List<Float> scores = new ArrayList<>(sentences.size());
            for (int i = 1; i < v.size(); i++) {
                scores.add((float) Similarity.cosine(v.getFirst(), v.get(i)));
            }
            return scores;
        }
    }

    /**
     * {@code /predict}: {@code inputs} is a text, a pair {@code [a, b]}, or a list of texts and pairs; the answer
     * is every label with its score, highest first (a list of such lists for a list).
     */
    private Object predict(Body b) {
        if (s.model().classification() == null) {
            throw ApiException.notSupported("Model is not a classifier model: /predict needs a sequence-classification"
                    + " model; this one is " + describe());
        }
        JsonNode v = b.required("inputs");
        boolean batch;
        List<String[]> inputs = new ArrayList<>();
        if (v.isTextual()) {
            batch = false;
            inputs.add(new String[] {v.asText(), null});
        } else if (v.isArray() && v.size() == 2 && v.get(0).isTextual() && v.get(1).isTextual()) {
            batch = false;                                   // TEI reads ["a", "b"] as one pair
            inputs.add(new String[] {v.get(0).asText(), v.get(1).asText()});
        } else if (v.isArray() && !v.isEmpty()) {
            batch = true;
            if (v.size() > s.options().maxClientBatchSize()) {
                throw ApiException.validation("batch size " + v.size() + " > maximum allowed batch size "
                        + s.options().maxClientBatchSize());
            }
            for (JsonNode e : v) {
                if (e.isTextual()) {
                    inputs.add(new String[] {e.asText(), null});
                } else if (e.isArray() && e.size() == 2 && e.get(0).isTextual() && e.get(1).isTextual()) {
                    inputs.add(new String[] {e.get(0).asText(), e.get(1).asText()});
                } else if (e.isArray() && e.size() == 1 && e.get(0).isTextual()) {
                    inputs.add(new String[] {e.get(0).asText(), null});
                } else {
                    throw Body.wrongType("inputs", e, "a string or a pair of strings");
                }
            }
        } else if (v.isArray()) {
            throw ApiException.validation("inputs", "`inputs` cannot be empty");
        } else {
            throw Body.wrongType("inputs", v, "a string, a pair of strings, or a list of them");
        }
        boolean raw = b.bool("raw_scores", false);
        TextClassificationOptions options = TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all())
                .withFunctionToApply(raw ? FunctionToApply.NONE : FunctionToApply.DEFAULT).withTruncation(true);
        try (Slots.Held h = s.inference().hold(inputs.size())) {
            Fitted fitted = fit(inputs, truncate(b), direction(b));
            List<List<LabelScore>> out = s.inference().run(new Operations.Classify(s.model().classification(), options),
                    fitted.texts(), fitted.tokens());
            List<List<TeiScore>> answers = out.stream().map(l -> l.stream().map(TeiScore::of).toList()).toList();
            return batch ? answers : answers.getFirst();
        }
    }

    /** TEI's {@code {score, label}}. */
    record TeiScore(float score, String label) {
        static TeiScore of(LabelScore l) {
            return new TeiScore((float) l.score(), l.label());
        }
    }

    /** {@code /rerank}: the cross-encoder's score of each {@code (query, text)}, highest first. */
    private Object rerank(Body b) {
        if (!s.model().isReranker()) {
            throw ApiException.notSupported("model is not a re-ranker model: /rerank needs a sequence classifier with"
                    + " one label; this model is " + describe());
        }
        String query = b.text("query");
        List<String> texts = b.optTexts("texts");
        if (texts == null) {
            b.required("texts");
        }
        if (texts.isEmpty()) {
            throw ApiException.validation("texts", "`texts` cannot be empty");
        }
        if (texts.size() > s.options().maxClientBatchSize()) {
            throw ApiException.validation("batch size " + texts.size() + " > maximum allowed batch size "
                    + s.options().maxClientBatchSize());
        }
        boolean raw = b.bool("raw_scores", false);
        boolean returnText = b.bool("return_text", false);
        TextClassificationOptions options = TextClassificationOptions.DEFAULTS.withTopK(LabelSelection.all())
                .withFunctionToApply(raw ? FunctionToApply.NONE : FunctionToApply.SIGMOID).withTruncation(true);
        List<String[]> pairs = texts.stream().map(t -> new String[] {query, t}).toList();
        try (Slots.Held h = s.inference().hold(pairs.size())) {
            Fitted fitted = fit(pairs, truncate(b), direction(b));
            List<List<LabelScore>> out = s.inference().run(new Operations.Classify(s.model().classification(), options),
                    fitted.texts(), fitted.tokens());
            List<Rank> ranks = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                ranks.add(new Rank(i, (float) out.get(i).getFirst().score(), returnText ? texts.get(i) : null));
            }
            ranks.sort(Comparator.comparingDouble(Rank::score).reversed());
            return ranks;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rank(int index, float score, String text) {
    }

    /**
     * Checks each text (or pair) against the model's limit: too long without truncation is a 422; with
     * truncation on the left, the kept part is cut out of the text (the pipelines cut on the right themselves).
     */
    Fitted fit(List<String[]> inputs, boolean truncate, Truncation.Direction direction) {
        List<String[]> out = new ArrayList<>(inputs.size());
        int tokens = 0;
        for (String[] in : inputs) {
            Encoding e = in[1] == null ? s.encoder().encode(List.of(new Input.Text(in[0])), truncate, direction).getFirst()
                    : s.encoder().encodePair(in[0], in[1], truncate, direction);
            out.add(truncate && direction == Truncation.Direction.LEFT && e.truncated() ? keptText(e, in) : in);
            tokens += e.length();
        }
        return new Fitted(out, tokens);
    }

    /** Texts (and pairs) that fit the model, and their tokens in all (the batching budget counts them). */
    record Fitted(List<String[]> texts, int tokens) {
    }

    /** The part of each text a left-truncated encoding kept: from its first token's start to the text's end. */
    private static String[] keptText(Encoding e, String[] in) {
        String[] kept = in.clone();
        int[] first = {-1, -1};
        for (int i = 0; i < e.length(); i++) {
            int seq = e.sequenceIds()[i];
            if (seq >= 0 && first[seq] < 0) {
                first[seq] = e.start(i);
            }
        }
        for (int seq = 0; seq < 2; seq++) {
            if (kept[seq] != null && first[seq] >= 0) {
                kept[seq] = kept[seq].substring(first[seq]);
            }
        }
        return kept;
    }

    /** {@code /tokenize}: each input's tokens as {@code {id, text, special, start, stop}}. */
    private Object tokenize(Body b) {
        List<Input> inputs = Input.parse("inputs", b.raw().get("inputs"), s.options().maxClientBatchSize());
        boolean addSpecial = b.bool("add_special_tokens", true);
        noPrompts(b);
        List<List<Token>> out = new ArrayList<>();
        for (Input in : inputs) {
            if (!(in instanceof Input.Text t)) {
                throw ApiException.validation("inputs", "/tokenize takes texts, not token ids");
            }
            if (t.text().isEmpty()) {
                throw ApiException.validation("inputs", "`inputs` cannot be empty");
            }
            Encoding e = s.encoder().tokenizeOnly(t.text(), addSpecial);
            List<Token> tokens = new ArrayList<>(e.length());
            for (int i = 0; i < e.length(); i++) {
                boolean special = e.specialTokensMask()[i] == 1;
                tokens.add(new Token(e.ids()[i], special ? e.tokens()[i] : t.text().substring(e.start(i), e.end(i)),
                        special, special ? null : e.start(i), special ? null : e.end(i)));
            }
            out.add(tokens);
        }
        return out;
    }

    record Token(int id, String text, boolean special, Integer start, Integer stop) {
    }

    /** {@code /decode}: ids (a list, or a list of lists) back to text. */
    private Object decode(Body b) {
        JsonNode v = b.required("ids");
        boolean skip = b.bool("skip_special_tokens", true);
        List<Input> inputs = Input.parse("ids", v, s.options().maxClientBatchSize());
        List<String> out = new ArrayList<>();
        int vocab = s.model().tokenizer().vocabSize();
        for (Input in : inputs) {
            if (!(in instanceof Input.Ids ids)) {
                throw Body.wrongType("ids", v, "a list of token ids or a list of such lists");
            }
            if (ids.ids().length == 0) {
                throw ApiException.validation("ids", "`ids` cannot be empty");
            }
            for (int id : ids.ids()) {
                if (id >= vocab) {
                    throw ApiException.validation("ids", "token id " + id + " is outside the vocabulary of " + vocab
                            + " tokens");
                }
            }
            out.add(s.model().tokenizer().decode(ids.ids(), skip));
        }
        return out;
    }

    private Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_id", s.options().modelId());
        m.put("model_sha", null);
        m.put("model_dtype", "float32");
        m.put("model_type", modelType());
        m.put("max_concurrent_requests", s.options().maxConcurrentRequests());
        m.put("max_input_length", s.model().maxInputLength());
        m.put("max_batch_tokens", s.options().maxBatchTokens());
        m.put("max_batch_requests", null);
        m.put("max_client_batch_size", s.options().maxClientBatchSize());
        m.put("auto_truncate", s.options().autoTruncate());
        m.put("tokenization_workers", 0);
        m.put("version", s.version());
        m.put("sha", null);
        m.put("docker_label", null);
        m.put("bert4j_routes", s.model().head() == null ? List.of("feature-extraction", "attention")
                : List.of(routeOfHead(), "feature-extraction", "attention"));
        return m;
    }

    private Object modelType() {
        if (s.model().classification() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            Map<String, String> id2label = new LinkedHashMap<>();
            var labels = Batching.id2label(s.model().base().model().config(), s.model().numLabels());
            for (int i = 0; i < s.model().numLabels(); i++) {
                id2label.put(Integer.toString(i), labels.label(i));
            }
            c.put("id2label", id2label);
            Map<String, Integer> label2id = new LinkedHashMap<>();
            id2label.forEach((k, l) -> label2id.put(l, Integer.parseInt(k)));
            c.put("label2id", label2id);
            return Map.of(s.model().isReranker() ? "reranker" : "classifier", c);
        }
        return Map.of("embedding", Map.of("pooling", s.model().pooling()));
    }

    private String routeOfHead() {
        return switch (s.model().head()) {
            case MASKED_LM -> "fill-mask";
            case PRE_TRAINING -> "fill-mask, nsp";
            case NEXT_SENTENCE_PREDICTION -> "nsp";
            case SEQUENCE_CLASSIFICATION -> "classify";
            case TOKEN_CLASSIFICATION -> "ner";
            case QUESTION_ANSWERING -> "qa";
            case MULTIPLE_CHOICE -> "none";
        };
    }

    String describe() {
        return s.model().head() == null ? "an encoder without a task head" : "a " + s.model().head().architecture();
    }
}
