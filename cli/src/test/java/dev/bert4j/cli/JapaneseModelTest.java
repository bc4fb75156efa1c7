package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.model.HeadKind;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.MiniLmHeads;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BertJapaneseTokenizer model directory (MeCab words, WordPiece) through a task command and its Java pipeline:
 * the real all-MiniLM-L6-v2 encoder with a seeded masked-LM head, its vocabulary's unused slots given Japanese
 * words. The pipeline finds the mask among MeCab's words and both give the same predictions.
 */
class JapaneseModelTest {
    @TempDir
    static Path root;

    @Test
    void fillMaskRunsOnMecabWords() throws IOException {
        Path dir = new MiniLmHeads(root).withHead("ja", HeadKind.PRE_TRAINING, Map.of(), null, null);
        JsonNode vocab = new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile()).get("model").get("vocab");
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId[e.getValue().intValue()] = e.getKey();
        }
        String[] words = {"東京", "に", "住ん", "で", "い", "ます", "大阪"};
        for (int i = 0; i < words.length; i++) byId[1 + i] = words[i];
        Files.delete(dir.resolve("tokenizer.json"));
        Files.write(dir.resolve("vocab.txt"), List.of(byId));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"word_tokenizer_type\": \"mecab\", \"subword_tokenizer_type\": \"wordpiece\"}");
        String text = "東京都に[MASK]でいます";
        CliRun run = CliRun.run("fill-mask", "--model", dir.toString(), "--top-k", "3", text);
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json).hasSize(3);
        try (ComputeContext ctx = ComputeContext.inference(2)) {
            var expected = FillMaskPipeline.load(dir).run(ctx, text, FillMaskOptions.DEFAULTS.withTopK(3)).getFirst();
            List<Integer> ids = new ArrayList<>();
            for (JsonNode p : json) ids.add(p.get("token").asInt());
            assertThat(ids).containsExactlyElementsOf(expected.stream().map(p -> p.token()).toList());
        }
        JsonNode tokens = CliRun.run("tokenize", "--model", dir.toString(), text).json().get("tokens");
        List<String> t = new ArrayList<>();
        tokens.forEach(n -> t.add(n.asText()));
        assertThat(t).containsExactly("[CLS]", "東京", "都", "に", "[MASK]", "で", "い", "ます", "[SEP]");
    }
}
