package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
  * Writes one JSON value per line to the command's output, and the error lines of JSON Lines mode
  * ({@code {"line": N, "error": "..."}}) so that every input line keeps its place in the output.
  */
final class JsonOutput implements AutoCloseable {
    /** Writes one JSON value with the generator. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();
    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonGenerator json;
    private int errors;

    JsonOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        try {
            this.json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void line(Writer writer) {
        try {
            writer.write(json);
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the output failed", e);
        }
        out.println();
    }

    void error(long lineNumber, String message) {
        errors++;
        err.println("line " + lineNumber + ": " + message);
        line(g -> {
            g.writeStartObject();
            g.writeNumberField("line", lineNumber);
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    static void intArray(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }

    static void floatArray(JsonGenerator g, float[] values, int from, int length) throws IOException {
        g.writeStartArray();
        for (int i = from; i < from + length; i++) {
            g.writeNumber(values[i]);
        }
        g.writeEndArray();
    }

    /** Exit status for the whole run: 0, or 1 when some input lines were answered with an error. */
    int status() {
        return errors == 0 ? 0 : 1;
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        err.flush();
    }
}
