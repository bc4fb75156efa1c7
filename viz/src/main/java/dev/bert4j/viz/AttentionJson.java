package dev.bert4j.viz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * An {@link AttentionReport} as JSON ({@code attention.json}, and the data inside the page):
 * <pre>
 * {"model": ..., "text": ..., "text_pair": ..., "tokens": [...], "truncated": false,
 *  "num_layers": L, "num_heads": H,
 *  "attentions": [L][H][T][T],
 *  "heads": [{"layer": 0, "head": 0, "entropy": ..., "cls_share": ..., "sep_share": ..., "self_share": ...}, ...],
 *  "rollout_from": 0, "rollout": [T]}
 * </pre>
 * {@code attentions} are the float32 probabilities as {@code feature-extraction --attentions} prints them (shortest
 * decimal that reads back as the same float); {@code text_pair} is absent without a pair.
 */
public final class AttentionJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AttentionJson() {
    }

    public static String toJson(AttentionReport report) {
        StringWriter out = new StringWriter();
        write(report, out);
        return out.toString();
    }

    public static void write(AttentionReport report, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", report.model());
            g.writeStringField("text", report.text());
            if (report.textPair() != null) {
                g.writeStringField("text_pair", report.textPair());
            }
            g.writeArrayFieldStart("tokens");
            for (String t : report.tokens()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeBooleanField("truncated", report.truncated());
            g.writeNumberField("num_layers", report.numLayers());
            g.writeNumberField("num_heads", report.numHeads());
            g.writeArrayFieldStart("attentions");
            for (Tensor a : report.attentions()) {
                writeTensor(g, a);
            }
            g.writeEndArray();
            writeHeads(g, report);
            g.writeNumberField("rollout_from", AttentionReport.ROLLOUT_FROM);
            g.writeArrayFieldStart("rollout");
            for (double v : report.rollout()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the attention JSON: " + e.getMessage(), e);
        }
    }

    private static void writeHeads(JsonGenerator g, AttentionReport report) throws IOException {
        g.writeArrayFieldStart("heads");
        for (HeadSummary h : report.heads()) {
            g.writeStartObject();
            g.writeNumberField("layer", h.layer());
            g.writeNumberField("head", h.head());
            g.writeNumberField("entropy", h.entropy());
            g.writeNumberField("cls_share", h.clsShare());
            g.writeNumberField("sep_share", h.sepShare());
            g.writeNumberField("self_share", h.selfShare());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** (H, T, T) as nested arrays. */
    private static void writeTensor(JsonGenerator g, Tensor a) throws IOException {
        int H = a.dim(0);
        int T = a.dim(1);
        float[] p = a.data();
        g.writeStartArray();
        for (int h = 0; h < H; h++) {
            g.writeStartArray();
            for (int i = 0; i < T; i++) {
                g.writeStartArray();
                int row = (h * T + i) * T;
                for (int j = 0; j < T; j++) {
                    g.writeNumber(p[row + j]);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
