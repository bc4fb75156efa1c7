package dev.bert4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * JSON Lines mode of the task commands: reads requests in chunks, answers each chunk with one batch
 * call, and writes one JSON line per request in order. When a batch fails on one bad request (say a
 * text without {@code [MASK]}), the chunk is answered request by request, so only that line gets an
 * error and the others still get their answers.
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

    private final Set<String> fields;
    private final Parser<I> parser;
    private final Function<List<I>, List<?>> batch;

    JsonLinesTask(Set<String> fields, Parser<I> parser, Function<List<I>, List<?>> batch) {
        this.fields = fields;
        this.parser = parser;
        this.batch = batch;
    }

    /** Answers every request on {@code in}; returns the exit status (1 when some lines got errors). */
    int run(InputStream in, JsonOutput out) {
        var input = new JsonLinesInput(in, 64, fields);
        input.forEachChunk(chunk -> answer(chunk, out));
        return out.status();
    }

    private void answer(List<JsonLinesInput.Line> chunk, JsonOutput out) {
        List<Object> answers = new ArrayList<>(chunk.size());
        List<I> requests = new ArrayList<>();
        for (JsonLinesInput.Line line : chunk) {
            answers.add(parse(line, requests));
        }
        List<?> results = resultsOf(requests);
        int next = 0;
        for (Object answer : answers) {
            if (answer instanceof Failure f) {
                out.error(f.line(), f.message());
            } else {
                Object result = results.get(next++);
                if (result instanceof Failure f) {
                    out.error(((JsonLinesInput.Line) answer).number(), f.message());
                } else {
                    out.line(g -> MAPPER.writeValue(g, result));
                }
            }
        }
    }

    private Object parse(JsonLinesInput.Line line, List<I> requests) {
        if (!line.ok()) {
            return new Failure(line.number(), line.error());
        }
        try {
            requests.add(parser.parse(line));
            return line;
        } catch (IllegalArgumentException e) {
            return new Failure(line.number(), Errors.describe(e));
        }
    }

    /** One batch call; on an input error, one call per request so the error lands on its own line. */
    private List<?> resultsOf(List<I> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            return batch.apply(requests);
        } catch (RuntimeException batchError) {
            if (!Errors.isUserError(batchError)) {
                throw batchError;
            }
            List<Object> one = new ArrayList<>(requests.size());
            for (I request : requests) {
                try {
                    one.add(batch.apply(List.of(request)).getFirst());
                } catch (RuntimeException e) {
                    if (!Errors.isUserError(e)) {
                        throw e;
                    }
                    one.add(new Failure(0, Errors.describe(e)));
                }
            }
            return one;
        }
    }

    /** An error message in place of an answer; {@code line} is 0 when the request's own line applies. */
    private record Failure(long line, String message) {
    }
}
