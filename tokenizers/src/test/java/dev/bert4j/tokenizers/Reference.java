package dev.bert4j.tokenizers;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference: Hugging Face tokenizers through DJL, loaded from the same JSON as ours, plus the comparison of
 * an encoding of ours with the reference's.
 */
final class Reference implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final HuggingFaceTokenizer djl;
    final Tokenizer ours;

    private Reference(HuggingFaceTokenizer djl, Tokenizer ours) {
        this.djl = djl;
        this.ours = ours;
    }

    static ObjectNode json(String resource) {
        try {
            return (ObjectNode) JSON.readTree(Corpus.bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both tokenizers from {@code json}, with the file's truncation and padding removed on both sides. */
    static Reference plain(JsonNode json) {
        ObjectNode copy = (ObjectNode) json.deepCopy();
        copy.putNull("truncation");
        copy.putNull("padding");
        return of(copy, Map.of("padding", "false", "truncation", "false"));
    }

    static Reference of(JsonNode json, Map<String, String> djlOptions) {
        try {
            Path file = Files.createTempFile("tokenizer", ".json");
            byte[] bytes = JSON.writeValueAsBytes(json);
            Files.write(file, bytes);
            HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(file, djlOptions);
            Files.delete(file);
            Tokenizer ours = Tokenizer.fromJson(new ByteArrayInputStream(bytes), "test tokenizer.json");
            return new Reference(djl, ours);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ai.djl.huggingface.tokenizers.Encoding reference(String text, String pair, boolean overflow) {
        return pair == null ? djl.encode(text, true, overflow) : djl.encode(text, pair, true, overflow);
    }

    /** Encodes with both and asserts equality of everything the issue names; returns ours. */
    Encoding check(Tokenizer tokenizer, String text, String pair, boolean overflow) {
        Encoding e = tokenizer.encode(text, pair);
        ai.djl.huggingface.tokenizers.Encoding r = reference(text, pair, overflow);
        assertSame(e, r, text, pair, overflow);
        // Sequence ids are compared on the top-level encoding only: in overflow windows the reference reports
        // sequence 0 for every token (its sequence ranges are dropped by truncation), ours keeps 0 / 1 / -1.
        assertThat(e.sequenceIds()).as("sequence ids of " + Reference.escape(text)).containsExactly(toInt(r.getSequenceIds()));
        Invariants.check(tokenizer, e, text, pair);
        return e;
    }

    static void assertSame(Encoding ours, ai.djl.huggingface.tokenizers.Encoding ref, String text, String pair,
                           boolean overflow) {
        String ctx = "text=" + escape(text) + (pair == null ? "" : " pair=" + escape(pair));
        assertThat(ours.tokens()).as("tokens of " + ctx).containsExactly(ref.getTokens());
        assertThat(ours.ids()).as("ids of " + ctx).containsExactly(toInt(ref.getIds()));
        assertThat(ours.typeIds()).as("type ids of " + ctx).containsExactly(toInt(ref.getTypeIds()));
        assertThat(ours.attentionMask()).as("attention mask of " + ctx).containsExactly(toInt(ref.getAttentionMask()));
        assertThat(ours.specialTokensMask()).as("special tokens mask of " + ctx).containsExactly(toInt(ref.getSpecialTokenMask()));
        assertThat(ours.wordIds()).as("word ids of " + ctx).containsExactly(toInt(ref.getWordIds()));
        CharSpan[] spans = ref.getCharTokenSpans();
        for (int i = 0; i < ours.length(); i++) {
            CharSpan s = spans[i];
            if (s == null) {
                assertThat(new int[] {ours.start(i), ours.end(i)}).as("offsets of special token %d of %s", i, ctx)
                        .containsExactly(0, 0);
                continue;
            }
            String src = ours.sequenceIds()[i] == 1 ? pair : text;
            int start = src.offsetByCodePoints(0, s.getStart());
            int end = src.offsetByCodePoints(0, s.getEnd());
            assertThat(src.substring(ours.start(i), ours.end(i))).as("text covered by token %d (%s) of %s", i,
                    ours.tokens()[i], ctx).isEqualTo(src.substring(start, end));
            assertThat(new int[] {ours.start(i), ours.end(i)}).as("offsets of token %d of %s", i, ctx)
                    .containsExactly(start, end);
        }
        if (overflow) {
            ai.djl.huggingface.tokenizers.Encoding[] refOver = ref.getOverflowing();
            List<Encoding> ourOver = ours.overflowing();
            assertThat(ourOver).as("overflowing windows of " + ctx).hasSize(refOver.length);
            for (int i = 0; i < refOver.length; i++) assertSame(ourOver.get(i), refOver[i], text, pair, true);
        }
    }

    static int[] toInt(long[] a) {
        return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
    }

    static String escape(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) sb.appendCodePoint(cp);
            else sb.append(String.format("\\u{%X}", cp));
        });
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        djl.close();
    }
}
