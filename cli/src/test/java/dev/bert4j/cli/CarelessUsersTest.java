package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Options and input a careless user (or script) gives: absurd lengths and thread counts, an empty model name,
 * bytes that are not UTF-8, an output folder that cannot be made. Each gets one line saying what to fix, with
 * exit status 2 (or a line-numbered error for one bad input line), never an OutOfMemoryError or a silent guess.
 */
class CarelessUsersTest {

    private static void assertOneLineError(CliRun run, String... parts) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        for (String part : parts) {
            assertThat(run.err()).contains(part);
        }
    }

    @Test
    void tokenizeCapsMaxLengthInsteadOfAllocatingIt() {
        assertOneLineError(CliRun.run("tokenize", "--padding", "max_length", "--max-length", "2000000000", "hi"),
                "--max-length must be between 1 and 65536, got 2000000000");
        assertOneLineError(CliRun.run("tokenize", "--padding", "longest", "--pad-to-multiple-of", "2147483647", "hi"),
                "--pad-to-multiple-of must be between 1 and 65536, got 2147483647");
        JsonNode atTheCap = CliRun.run("tokenize", "--padding", "longest", "--pad-to-multiple-of", "65536", "hi").json();
        assertThat(atTheCap.get("ids").size()).isEqualTo(65_536);
    }

    @Test
    void tokenizeRefusesAStrideThatIsNotBelowTheMaximumLength() {
        assertOneLineError(CliRun.run("tokenize", "--max-length", "8", "--stride", "2000000000", "hi"),
                "--stride 2000000000 must be less than the maximum length 8");
        assertOneLineError(CliRun.run("tokenize", "--max-length", "8", "--stride", "8", "hi"), "--stride 8");
    }

    @Test
    void tokenizeRefusesAnAbsurdLengthFromTheTokenizerFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, """
                {"truncation": {"max_length": 2000000000, "strategy": "LongestFirst", "direction": "Right", "stride": 0},
                 "model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "[PAD]": 1, "hi": 2}}}
                """);
        assertOneLineError(CliRun.run("tokenize", "--model", file.toString(), "--padding", "max_length", "hi"),
                "the tokenizer file's truncation max_length is 2000000000");
    }

    @Test
    void threadCountsBeyondTheBoundAreRefusedBeforeAnyWork(@TempDir Path dir) {
        int max = ThreadCount.PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
        CliRun tokenize = CliRun.withInput("{\"text\": \"a\"}\n", "tokenize", "--threads", "10000");
        assertOneLineError(tokenize, "--threads must be between 1 and " + max, "got 10000");
        CliRun embed = CliRun.run("embed", "--threads", "10000", "--model", dir.resolve("missing").toString(), "x");
        assertOneLineError(embed, "--threads must be between 1 and " + max);
        assertOneLineError(CliRun.run("embed", "--threads", "0", "--model", dir.resolve("missing").toString(), "x"),
                "got 0");
        assertThat(ThreadCount.resolve(max)).isEqualTo(max);
        assertThat(ThreadCount.resolve(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void anEmptyModelNameIsAnErrorNotTheDefaultModel() {
        assertOneLineError(CliRun.run("tokenize", "--model", "", "hi"), "--model is empty");
        assertOneLineError(CliRun.run("tokenize", "--model", "  ", "hi"), "--model is empty");
        ModelOptions options = new ModelOptions();
        options.model = "";
        assertThatThrownBy(options::directory).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--model is empty");
        assertThatThrownBy(() -> options.resolve("--tokenizer", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tokenizer is empty");
    }

    @Test
    void invalidUtf8InJsonLinesIsALineErrorAndTheOtherLinesAreAnswered() {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        stdin.writeBytes("{\"text\": \"first\"}\n".getBytes(StandardCharsets.UTF_8));
        stdin.writeBytes(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', ' ', '"', 'a', (byte) 0xC3, '(', '"', '}', '\r', '\n'});
        stdin.writeBytes("{\"text\": \"caf\u00e9\"}\r\n".getBytes(StandardCharsets.UTF_8));
        stdin.writeBytes(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xF0, (byte) 0x9F});  // cut off at the end
        CliRun run = runWithBytes(stdin.toByteArray(), "tokenize");
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("tokens").toString()).isEqualTo("[\"[CLS]\",\"first\",\"[SEP]\"]");
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("error").asText()).isEqualTo("not valid UTF-8 (byte 12 of the line)");
        assertThat(lines.get(2).get("tokens").toString()).isEqualTo("[\"[CLS]\",\"cafe\",\"[SEP]\"]");
        assertThat(lines.get(3).get("line").asInt()).isEqualTo(4);
        assertThat(lines.get(3).get("error").asText()).startsWith("not valid UTF-8");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void convertIntoAPlaceThatCannotBeMadeSaysWhy(@TempDir Path dir) throws IOException {
        Path onnx = Files.writeString(dir.resolve("model.onnx"), "not really onnx");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path out = file.resolve("model");
        CliRun run = CliRun.run("convert", "--onnx", onnx.toString(), "--out", out.toString(), "-q");
        assertOneLineError(run, "--out " + out + ": cannot create it: " + file + " is a file, not a folder");
        assertThat(Errors.describe(new AccessDeniedException("/some/dir/.tmp-1")))
                .isEqualTo("/some/dir/.tmp-1: permission denied");
        assertThat(Errors.describe(new FileAlreadyExistsException("x"))).isEqualTo("x: already exists");
        assertThat(Errors.describe(new FileSystemException("y", null, "Read-only file system")))
                .isEqualTo("y: Read-only file system");
    }

    private static CliRun runWithBytes(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Bert4jCommand.execute(args, new ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }
}
