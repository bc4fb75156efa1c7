package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON Lines mode of the task commands: reads requests in windows of a few thousand lines, answers each window
 * with one batch call (the pipeline sorts it by length and packs it), and writes one JSON object per request in
 * input order, with the fields the request carried, before it reads the next window. When a batch fails on a
 * bad request (say a text without {@code [MASK]}), its halves are answered apart, and theirs in turn, so only
 * that line gets an error, the others still get their answers, and a window with a few bad lines costs a few
 * times its work, not a call per line.
 *
 * @param <I> one parsed request
 */
final class JsonLinesTask<I> {
    /** Results are written with Hugging Face's field names: {@code tokenStr} becomes {@code token_str}. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Parses one line's fields into a request; throws IllegalArgumentException naming what is wrong. */
    @FunctionalInterface
    interface Parser<I> {
        I parse(JsonLinesInput.Line line);
    }

    private final Fields fields;
    private final JsonLinesInput.Window window;
    private final Parser<I> parser;
    private final Function<List<I>, List<?>> batch;

    /**
     * {@code batch} answers a list of requests in their order, each answer an object whose fields are among
     * {@code fields.output()}.
     */
    JsonLinesTask(Fields fields, Parser<I> parser, Function<List<I>, List<?>> batch) {
        this(fields, JsonLinesInput.Window.DEFAULT, parser, batch);
    }

    JsonLinesTask(Fields fields, JsonLinesInput.Window window, Parser<I> parser, Function<List<I>, List<?>> batch) {
        this.fields = fields;
        this.window = window;
        this.parser = parser;
        this.batch = batch;
    }

    /** Answers every request on {@code in}; returns the exit status (1 when some lines got errors). */
    int run(InputStream in, JsonOutput out, LinesProgress progress) {
        try (progress) {
            new JsonLinesInput(in, fields, window).forEachWindow(lines -> {
                answer(lines, out);
                progress.answered(lines.size());
            });
        }
        return out.status();
    }

    private void answer(List<JsonLinesInput.Line> lines, JsonOutput out) {
        List<Object> parsed = new ArrayList<>(lines.size());
        List<I> requests = new ArrayList<>();
        for (JsonLinesInput.Line line : lines) {
            parsed.add(parse(line, requests));
        }
        List<?> results = resultsOf(requests);
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            Object answer = parsed.get(i) instanceof Failure f ? f : results.get(next++);
            if (answer instanceof Failure f) {
                out.error(lines.get(i), f.message());
            } else {
                write(lines.get(i), answer, out);
            }
        }
    }

    /** The answer's fields (each one declared in {@code fields.output()}), then the line's carried fields. */
    private void write(JsonLinesInput.Line line, Object result, JsonOutput out) {
        JsonNode answer = MAPPER.valueToTree(result);
        if (!answer.isObject()) {
            throw new IllegalStateException("a JSON Lines answer must be an object, got " + answer.getNodeType());
        }
        for (var names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.output().contains(name)) {
                throw new IllegalStateException("answer field '" + name + "' is not among " + fields.output()
                        + ", so a carried field could clash with it");
            }
        }
        out.answer(line, g -> {
            for (var field : answer.properties()) {
                g.writeFieldName(field.getKey());
                MAPPER.writeTree(g, field.getValue());
            }
        });
    }

    /** The request parsed from {@code line}, added to {@code requests}; or why it cannot be answered. */
    private Object parse(JsonLinesInput.Line line, List<I> requests) {
        if (!line.ok()) {
            return new Failure(line.error());
        }
        try {
            requests.add(parser.parse(line));
            return line;
        } catch (IllegalArgumentException e) {
            return new Failure(Errors.describe(e));
        }
    }

    /**
     * One batch call; on an input error, the two halves apart, recursively, so the error lands on its own line.
     * One bad request among n costs about 3n requests' work; k bad ones at most about n log2(n) over the window.
     */
    private List<?> resultsOf(List<I> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            List<?> results = batch.apply(requests);
            if (results.size() != requests.size()) {
                throw new IllegalStateException(results.size() + " answers to " + requests.size() + " requests");
            }
            return results;
        } catch (RuntimeException batchError) {
            if (!Errors.isUserError(batchError)) {
                throw batchError;
            }
            if (requests.size() == 1) {
                return List.of(new Failure(Errors.describe(batchError)));
            }
            int half = requests.size() / 2;
            List<Object> both = new ArrayList<>(requests.size());
            both.addAll(resultsOf(requests.subList(0, half)));
            both.addAll(resultsOf(requests.subList(half, requests.size())));
            return both;
        }
    }

    /** An error message in place of an answer. */
    private record Failure(String message) {
    }
}
