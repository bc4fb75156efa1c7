package dev.bert4j.server;

import dev.bert4j.tokenizers.Truncation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's embeddings API, {@code POST /v1/embeddings} (and {@code /embeddings}, as TEI serves it): {@code input}
 * as a string, strings, token ids or lists of token ids; {@code model} accepted whatever it names (the answer names the served model, as TEI's does);
 * {@code encoding_format} {@code float} or {@code base64} (little-endian float32, as the official clients
 * decode it); {@code dimensions} keeps the first N values and normalizes them again. Usage counts the real
 * tokens, special tokens included. Errors come in OpenAI's shape.
 */
final class OpenAiRoutes {
    private final TeiRoutes tei;
    private final TeiRoutes.Server s;

    OpenAiRoutes(TeiRoutes tei, TeiRoutes.Server s) {
        this.tei = tei;
        this.s = s;
    }

    List<Route> routes() {
        return List.of(new Route("POST", "/v1/embeddings", Route.Family.OPENAI, this::embeddings),
                new Route("POST", "/embeddings", Route.Family.OPENAI, this::embeddings));
    }

    private Object embeddings(Body b) {
        List<Input> inputs = Input.parse("input", b.raw().get("input"), s.options().maxClientBatchSize());
        String format = b.optText("encoding_format");
        boolean base64 = "base64".equals(format);
        if (format != null && !base64 && !"float".equals(format)) {
            throw ApiException.validation("encoding_format", "`encoding_format` must be `float` or `base64`, got `"
                    + format + "`");
        }
        Integer dimensions = tei.dimensions(b, "dimensions");
        try (Slots.Held h = s.inference().hold(inputs.size())) {
            int[] tokens = new int[1];
            List<float[]> vectors = tei.embeddings(inputs, s.options().autoTruncate(), Truncation.Direction.RIGHT, true,
                    dimensions, tokens);
            List<Item> data = new ArrayList<>(vectors.size());
            for (int i = 0; i < vectors.size(); i++) {
                data.add(new Item("embedding", base64 ? base64(vectors.get(i)) : vectors.get(i), i));
            }
            return new Answer("list", data, s.options().modelId(), new Usage(tokens[0], tokens[0]));
        }
    }

    private static String base64(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    record Answer(String object, List<Item> data, String model, Usage usage) {
    }

    /** One embedding: a float array, or its base64 string. */
    record Item(String object, Object embedding, int index) {
    }

    record Usage(int promptTokens, int totalTokens) {
    }
}
