package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
  * Writes one JSON value per line to the command's output: each line is exactly one JSON value, nothing before
  * or after it. In JSON Lines mode it writes each input line's answer with the fields the input carried, and
  * the error lines ({@code {"line": N, "error": "..."}}, carried fields too) so that every input line keeps its
  * place in the output and can be joined back to its source.
  */
final class JsonOutput implements AutoCloseable {
    /** Writes one JSON value with the generator. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * A plain factory, not {@link JsonLinesTask#MAPPER}'s: setting up the mapper costs a fresh JVM a tenth of a
     * second, which a command writing its answer by hand ({@code embed}) need not pay. Trees and values are
     * written with the mapper explicitly, so the generator needs no codec.
     */
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
        // Jackson separates root values with a space by default, which would start every line after the first
        json.setRootValueSeparator(null);
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

    /** The answer to one JSON Lines input: the command's fields, then the fields the input carried, in input order. */
    void answer(JsonLinesInput.Line input, Writer fields) {
        line(g -> {
            g.writeStartObject();
            fields.write(g);
            carry(g, input);
            g.writeEndObject();
        });
    }

    /** The error line in place of an answer, with the fields the input carried (other than line and error). */
    void error(JsonLinesInput.Line input, String message) {
        errors++;
        err.println("line " + input.number() + ": " + message);
        line(g -> {
            g.writeStartObject();
            g.writeNumberField("line", input.number());
            g.writeStringField("error", message);
            carry(g, input);
            g.writeEndObject();
        });
    }

    /** The carried fields; never {@code line} or {@code error} (an input line with those gets an error line). */
    private static void carry(JsonGenerator g, JsonLinesInput.Line input) throws IOException {
        for (String name : input.carried()) {
            if (!Fields.ERROR.contains(name)) {
                g.writeFieldName(name);
                JsonLinesTask.MAPPER.writeTree(g, input.json().get(name));
            }
        }
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
