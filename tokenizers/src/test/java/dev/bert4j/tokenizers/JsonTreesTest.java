package dev.bert4j.tokenizers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JsonTrees} gives the tree {@code ObjectMapper.readTree} gives, node types included, and refuses what it refuses. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sameTreesAsObjectMapperForEveryKindOfValue() throws IOException {
        for (String json : new String[] {
                "{\"a\": 1, \"b\": 3000000000, \"c\": 123456789012345678901234567890, \"d\": 1.5, \"e\": -2e-3,"
                        + " \"f\": true, \"g\": false, \"h\": null, \"i\": \"x\\u00e9\\n\", \"j\": [1, [2, {}], []],"
                        + " \"a\": \"last wins\", \"k\": {\"l\": {\"m\": [null]}}}",
                "[]", "\"text\"", "42", "  {}  "}) {
            JsonNode ours = JsonTrees.read(json);
            JsonNode theirs = MAPPER.readTree(json);
            assertThat(ours).as(json).isEqualTo(theirs);
            assertThat(JsonTrees.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(theirs);
        }
        JsonNode n = JsonTrees.read("{\"i\": 7, \"l\": 3000000000, \"d\": 0.1}");
        assertThat(n.get("i").isInt()).isTrue();
        assertThat(n.get("l").isLong()).isTrue();
        assertThat(n.get("d").isDouble()).isTrue();
    }

    @Test
    void aRealTokenizerFileGivesTheSameTree() throws IOException {
        try (InputStream in = JsonTreesTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            assertThat(in).as("the embedded model's tokenizer.json on the test class path").isNotNull();
            byte[] bytes = in.readAllBytes();
            assertThat(JsonTrees.read(bytes)).isEqualTo(MAPPER.readTree(bytes));
        }
    }

    @Test
    void emptyInputIsNoTreeAndBrokenInputIsAnError() throws IOException {
        assertThat(JsonTrees.read("   ")).isNull();
        for (String broken : new String[] {"{\"a\": 1", "[1, 2", "{\"a\" 1}", "{\"a\": tru}", "[1,]x", "{\"a\": 1,}"}) {
            assertThatThrownBy(() -> JsonTrees.read(broken)).as(broken).isInstanceOf(JsonProcessingException.class);
        }
        assertThatThrownBy(() -> JsonTrees.read(new byte[] {'"', (byte) 0xC3, '"'}))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theParsersNestingLimitHolds() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> JsonTrees.read(deep)).isInstanceOf(StreamConstraintsException.class);
    }
}
