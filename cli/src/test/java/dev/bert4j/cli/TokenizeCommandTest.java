package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizeCommandTest {

    /** Token strings and ids of bert-base-uncased's vocabulary (all-MiniLM-L6-v2 shares it), from its vocab.txt. */
    @Test
    void tokenizesWithTheEmbeddedDefaultTokenizer() {
        CliRun run = CliRun.run("tokenize", "Hello, world!");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(texts(json.get("tokens"))).containsExactly("[CLS]", "hello", ",", "world", "!", "[SEP]");
        assertThat(ints(json.get("ids"))).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(ints(json.get("type_ids"))).containsOnly(0).hasSize(6);
        assertThat(ints(json.get("attention_mask"))).containsOnly(1).hasSize(6);
        assertThat(json.get("offsets").toString()).isEqualTo("[[0,0],[0,5],[5,6],[7,12],[12,13],[0,0]]");
        assertThat(json.has("overflowing")).isFalse();
    }

    /**
     * A directory whose tokenizer_config.json names BertJapaneseTokenizer with MeCab: words as MeCab (IPADIC) cuts
     * すもももももももものうち, and offsets into the original full-width text.
     */
    @Test
    void japaneseModelDirectoryUsesMecabAndWordPiece(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "すもも", "も",
                "もも", "の", "うち", "abc"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"word_tokenizer_type\": \"mecab\", \"subword_tokenizer_type\": \"wordpiece\"}");
        CliRun run = CliRun.run("tokenize", "--model", dir.toString(), "すもももももももものうちａｂｃ");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(texts(json.get("tokens"))).containsExactly("[CLS]", "すもも", "も", "もも", "も", "もも", "の", "うち",
                "abc", "[SEP]");
        assertThat(ints(json.get("ids"))).containsExactly(2, 5, 6, 7, 6, 7, 8, 9, 10, 3);
        assertThat(json.get("offsets").get(8).toString()).isEqualTo("[12,15]");
    }

    @Test
    void pairsGetSecondSegmentTypeIds() {
        JsonNode json = CliRun.run("tokenize", "--pair", "How are you?", "Hello").json();
        assertThat(texts(json.get("tokens"))).containsExactly("[CLS]", "hello", "[SEP]", "how", "are", "you", "?", "[SEP]");
        assertThat(ints(json.get("type_ids"))).containsExactly(0, 0, 0, 1, 1, 1, 1, 1);
        // offsets of the pair point into the pair's own text
        assertThat(json.get("offsets").get(4).toString()).isEqualTo("[4,7]");
    }

    @Test
    void truncationWithStrideMakesOverflowingWindows() {
        JsonNode json = CliRun.run("tokenize", "--max-length", "6", "--stride", "1", "one two three four five six seven").json();
        assertThat(texts(json.get("tokens"))).containsExactly("[CLS]", "one", "two", "three", "four", "[SEP]");
        List<String> windows = new ArrayList<>();
        for (JsonNode window : json.get("overflowing")) {
            windows.add(String.join(" ", texts(window.get("tokens"))));
        }
        // each window repeats the last token of the previous one (stride 1)
        assertThat(windows).containsExactly("[CLS] four five six seven [SEP]");
    }

    @Test
    void paddingToMaxLength() {
        JsonNode json = CliRun.run("tokenize", "--max-length", "8", "--padding", "max_length", "hi").json();
        assertThat(ints(json.get("ids"))).containsExactly(101, 7632, 102, 0, 0, 0, 0, 0);
        assertThat(ints(json.get("attention_mask"))).containsExactly(1, 1, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void jsonLinesKeepOrderAndReportBadLinesInPlace() {
        String stdin = """
                {"text": "first line"}
                not json
                {"text": "a", "text_pair": "b"}
                {"txt": "typo"}

                {"text": ""}
                """;
        CliRun run = CliRun.withInput(stdin, "tokenize");
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(5);
        assertThat(texts(lines.get(0).get("tokens"))).containsExactly("[CLS]", "first", "line", "[SEP]");
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("error").asText()).contains("not valid JSON");
        assertThat(ints(lines.get(2).get("type_ids"))).containsExactly(0, 0, 0, 1, 1);
        assertThat(lines.get(3).get("error").asText()).contains("missing field \"text\"").contains("\"txt\" would only be carried through");
        assertThat(lines.get(3).get("txt").asText()).isEqualTo("typo");
        assertThat(texts(lines.get(4).get("tokens"))).containsExactly("[CLS]", "[SEP]");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("line 2:").contains("line 4:");
    }

    @Test
    void manyJsonLinesAcrossWindowsStayInOrder() {
        int n = 2 * JsonLinesInput.Window.DEFAULT_LINES + 500;
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < n; i++) {
            stdin.append("{\"text\": \"").append(i).append("\", \"n\": ").append(i).append("}\n");
        }
        List<JsonNode> lines = CliRun.withInput(stdin.toString(), "tokenize", "--threads", "2").jsonLines();
        assertThat(lines).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(lines.get(i).get("n").asInt()).isEqualTo(i);
        }
        for (int i = 0; i < n; i += 97) {
            assertThat(String.join("", texts(lines.get(i).get("tokens"))).replace("##", ""))
                    .isEqualTo("[CLS]" + i + "[SEP]");
        }
    }

    @Test
    void readsATokenizerJsonOrModelDirectory(@TempDir Path dir) throws IOException {
        Path vocab = dir.resolve("vocab.txt");
        Files.writeString(vocab, String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "##s") + "\n");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
        JsonNode json = CliRun.run("tokenize", "--model", dir.toString(), "Hello worlds").json();
        assertThat(texts(json.get("tokens"))).containsExactly("[CLS]", "hello", "world", "##s", "[SEP]");
        assertThat(ints(json.get("ids"))).containsExactly(2, 5, 6, 7, 3);
    }

    @Test
    void badOptionsAndFilesGetOneClearLine(@TempDir Path dir) throws IOException {
        CliRun missing = CliRun.run("tokenize", "--model", dir.resolve("nope").toString(), "x");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory").doesNotContain("Exception");

        Path broken = dir.resolve("tokenizer.json");
        Files.writeString(broken, "{\"model\": {\"type\": \"WordPiece\"");
        CliRun malformed = CliRun.run("tokenize", "--model", broken.toString(), "x");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains("tokenizer.json");

        CliRun badStride = CliRun.run("tokenize", "--truncation", "do_not_truncate", "--stride", "2", "x");
        assertThat(badStride.status()).isEqualTo(2);
        assertThat(badStride.err()).contains("--stride");

        CliRun unknown = CliRun.run("tokenize", "--truncation", "sideways", "x");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("sideways");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
