package dev.bert4j.tokenizers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokenizer files made to hurt: deep nesting, huge numbers, absurd ids, endless or oversized files. Each must
 * fail at once with a {@link TokenizerException} naming the file and what is wrong, never with an NPE, an array
 * sized by an untrusted number or an unbounded read.
 */
class HostileTokenizerFilesTest {

    private static String model(String vocab, String extra) {
        return "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\"" + extra + ", \"vocab\": {" + vocab + "}}}";
    }

    private static Tokenizer fromString(String json, String name) {
        return Tokenizer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void aSmallHandWrittenFileLoads() {
        Tokenizer t = fromString(model("\"[UNK]\": 0, \"hello\": 1, \"##s\": 2", ""), "ok.json");
        assertThat(t.encode("hellos").tokens()).containsExactly("hello", "##s");
    }

    @Test
    void nestingBeyondJacksonsLimitNamesTheFile(@TempDir Path dir) throws IOException {
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"added_tokens\": " + deep + ", " + model("\"[UNK]\": 0", "").substring(1));
        assertThatThrownBy(() -> Tokenizer.fromFile(file)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("nesting depth");
    }

    @Test
    void twentyThousandNestedNormalizerSequencesNameTheFile() {
        int n = 20_000;
        String normalizer = "{\"type\": \"Sequence\", \"normalizers\": [".repeat(n) + "]}".repeat(n);
        String json = "{\"normalizer\": " + normalizer + ", " + model("\"[UNK]\": 0", "").substring(1);
        assertThatThrownBy(() -> fromString(json, "nested.json")).isInstanceOf(TokenizerException.class)
                .hasMessageStartingWith("nested.json: ").hasMessageContaining("nesting depth");
    }

    @Test
    void aNumberTooLongToParseNamesTheFile() {
        String json = model("\"[UNK]\": " + "9".repeat(5_000), "");
        assertThatThrownBy(() -> fromString(json, "long.json")).isInstanceOf(TokenizerException.class)
                .hasMessageStartingWith("long.json: ").hasMessageContaining("Number value length");
    }

    @Test
    void anEndlessStreamStopsAtTheSizeLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };
        assertThatThrownBy(() -> Tokenizer.fromJson(endless, "endless.json")).isInstanceOf(TokenizerException.class)
                .hasMessageStartingWith("endless.json: ").hasMessageContaining("more than 64 MiB");
    }

    @Test
    void anOversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(TokenizerFiles.MAX_FILE_BYTES + 1);       // sparse: costs no disk
        }
        assertThatThrownBy(() -> Tokenizer.fromFile(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("more than 64 MiB");
        Path vocab = Files.createDirectories(dir.resolve("legacy")).resolve("vocab.txt");
        try (RandomAccessFile f = new RandomAccessFile(vocab.toFile(), "rw")) {
            f.setLength(TokenizerFiles.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> Tokenizer.fromFile(vocab.getParent())).isInstanceOf(TokenizerException.class)
                .hasMessageContaining(vocab.toString()).hasMessageContaining("more than 64 MiB");
    }

    @Test
    void aTokenizerJsonThatIsNotARegularFileIsNamed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tokenizer.json"));
        assertThatThrownBy(() -> Tokenizer.fromFile(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("not a regular file");
    }

    @Test
    void malformedSideFilesOfAVocabTxtDirectoryNameTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.txt"), "[UNK]\n[CLS]\n[SEP]\n[PAD]\n[MASK]\nhello\n");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": " + "[".repeat(2_000));
        assertThatThrownBy(() -> Tokenizer.fromFile(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("nesting depth");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{}");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"unk_token\": ");
        assertThatThrownBy(() -> Tokenizer.fromFile(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("special_tokens_map.json").hasMessageContaining("malformed JSON");
    }

    @Test
    void idsNearTheIntegerLimitAreRefusedWithoutAllocating() {
        String json = model("\"[UNK]\": 0, \"x\": 2147483647", "");
        assertThatThrownBy(() -> fromString(json, "big.json")).isInstanceOf(TokenizerException.class)
                .hasMessageStartingWith("big.json: field 'model.vocab' ").hasMessageContaining("'x'")
                .hasMessageContaining("2147483647").hasMessageContaining("2 entries");
        String billion = model("\"[UNK]\": 0, \"x\": 1000000000", "");
        assertThatThrownBy(() -> fromString(billion, "big.json")).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("1000000000");
        String beyondInt = model("\"[UNK]\": 0, \"x\": 4294967296", "");
        assertThatThrownBy(() -> fromString(beyondInt, "big.json")).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("model.vocab").hasMessageContaining("'x'");
    }

    @Test
    void negativeAndSharedIdsAreRefused() {
        assertThatThrownBy(() -> fromString(model("\"[UNK]\": 0, \"x\": -1", ""), "neg.json"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("negative id").hasMessageContaining("'x'");
        assertThatThrownBy(() -> fromString(model("\"[UNK]\": 0, \"x\": 1, \"y\": 1", ""), "dup.json"))
                .isInstanceOf(TokenizerException.class).hasMessageStartingWith("dup.json: field 'model.vocab' ")
                .hasMessageContaining("'x'").hasMessageContaining("'y'").hasMessageContaining("id 1");
    }

    /** Hugging Face tokenizers loads a vocabulary with gaps (it only warns when saving one); so does bert4j. */
    @Test
    void gapsInTheIdsAreAllowedWithinTwiceTheEntryCount() {
        Tokenizer t = fromString(model("\"[UNK]\": 0, \"hello\": 3, \"##s\": 5", ""), "gaps.json");
        assertThat(t.encode("hellos").ids()).containsExactly(3, 5);
        assertThat(t.idToToken(4)).isNull();
        assertThatThrownBy(() -> fromString(model("\"[UNK]\": 0, \"hello\": 3, \"##s\": 6", ""), "gaps.json"))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("id 6").hasMessageContaining("3 entries");
    }

    @Test
    void negativeMaxInputCharsPerWordIsRefused() {
        String json = model("\"[UNK]\": 0, \"a\": 1", ", \"max_input_chars_per_word\": -1");
        assertThatThrownBy(() -> fromString(json, "neg.json")).isInstanceOf(TokenizerException.class)
                .hasMessage("neg.json: field 'model.max_input_chars_per_word' must be 0 or more, got -1");
        Tokenizer zero = fromString(model("\"[UNK]\": 0, \"a\": 1", ", \"max_input_chars_per_word\": 0"), "zero.json");
        assertThat(zero.encode("a").tokens()).containsExactly("[UNK]");
    }
}
