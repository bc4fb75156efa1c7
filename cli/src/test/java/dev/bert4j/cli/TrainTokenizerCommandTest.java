package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bert4j train-tokenizer}, run in-process through the command line. */
class TrainTokenizerCommandTest {

    private static CliRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "train-tokenizer";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(all);
    }

    @Test
    void trainsOnTextAndJsonLinesAndPrintsASummary(@TempDir Path dir) throws IOException {
        Path text = Files.write(dir.resolve("a.txt"), List.of("Hugs for pugs.", "", "Pugs hug, puns pun."));
        Path jsonl = Files.write(dir.resolve("b.jsonl"), List.of("{\"text\": \"HUGGING pugs\", \"id\": 1}", "",
                "{\"text\": \"hug hug hug\"}"));
        Path out = dir.resolve("tok");
        CliRun r = run("--corpus", text.toString(), "--corpus", jsonl.toString(), "--vocab-size", "60",
                "--min-frequency", "1", "--out", out.toString(), "-q");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("texts").asLong()).isEqualTo(5);
        assertThat(s.get("words").asLong()).isEqualTo(15);
        assertThat(s.get("vocab_size").asInt()).isLessThanOrEqualTo(60);
        assertThat(s.get("merges").asInt()).isPositive();
        assertThat(s.get("alphabet_size").asInt()).isEqualTo(12);
        Tokenizer t = Tokenizer.fromFile(out);
        assertThat(t.encode("hugs pugs").tokens()).doesNotContain("[UNK]").startsWith("[CLS]").endsWith("[SEP]");
        assertThat(Files.readAllLines(out.resolve("vocab.txt"))).hasSize(s.get("vocab_size").asInt());
    }

    @Test
    void casedTrainingAndCustomSpecials(@TempDir Path dir) throws IOException {
        Path text = Files.write(dir.resolve("a.txt"), List.of("Hug HUG hug"));
        Path out = dir.resolve("tok");
        CliRun r = run("--corpus", text.toString(), "--no-lowercase", "--min-frequency", "1",
                "--special-tokens", "[UNK],[CLS],[SEP]", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote");
        List<String> vocab = Files.readAllLines(out.resolve("vocab.txt"));
        assertThat(vocab.subList(0, 3)).containsExactly("[UNK]", "[CLS]", "[SEP]");
        assertThat(vocab).contains("Hug", "HUG", "hug");
        Path lowered = dir.resolve("lowered");
        r = run("--corpus", text.toString(), "--lowercase", "--min-frequency", "1", "--out", lowered.toString(), "-q");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(lowered.resolve("vocab.txt"))).contains("hug").doesNotContain("HUG", "Hug");
    }

    @Test
    void badInputGivesAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.txt");
        CliRun r = run("--corpus", missing.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains(missing.toString());
        Path jsonl = Files.write(dir.resolve("bad.jsonl"), List.of("{\"text\": \"ok\"}", "{\"label\": 1}"));
        r = run("--corpus", jsonl.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("bad.jsonl line 2").contains("\"text\"");
        Path tiny = Files.write(dir.resolve("tiny.txt"), List.of("abc abd"));
        r = run("--corpus", tiny.toString(), "--vocab-size", "5", "--out", dir.resolve("o").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("at least");
    }
}
