package dev.bert4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bert4j.tokenizers.SpecialTokens;
import dev.bert4j.tokenizers.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * The tokenizer files a checkpoint carries, so that bert4j and {@code transformers} both load it:
 * {@code tokenizer.json} (copied from the source model when it has one), {@code vocab.txt} (from the
 * source, or written from the vocabulary in id order), {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}.
 */
public final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tokenizer tokenizer;
    private final byte[] tokenizerJson;
    private final byte[] vocabTxt;
    private final boolean lowercase;
    private final int maxLength;

    private TokenizerFiles(Tokenizer tokenizer, byte[] tokenizerJson, byte[] vocabTxt, boolean lowercase,
                           int maxLength) {
        this.tokenizer = tokenizer;
        this.tokenizerJson = tokenizerJson;
        this.vocabTxt = vocabTxt;
        this.lowercase = lowercase;
        this.maxLength = maxLength;
    }

    /** Reads the tokenizer of a model directory (or a {@code tokenizer.json} file) once, to copy it into checkpoints. */
    public static TokenizerFiles from(Path source, Tokenizer tokenizer, int maxPositions) {
        try {
            Path dir = Files.isDirectory(source) ? source : source.getParent();
            Path json = Files.isDirectory(source) ? source.resolve("tokenizer.json") : source;
            byte[] tj = Files.isRegularFile(json) ? Files.readAllBytes(json) : null;
            Path vocab = dir.resolve("vocab.txt");
            byte[] vt = Files.isRegularFile(vocab) ? Files.readAllBytes(vocab) : null;
            boolean lower = tj != null ? lowercase(JSON.readTree(tj)) : readLowerCase(dir);
            return new TokenizerFiles(tokenizer, tj, vt, lower, maxPositions);
        } catch (IOException e) {
            throw new TrainingException("cannot read the tokenizer files of " + source + ": " + e.getMessage(), e);
        }
    }

    private static boolean lowercase(JsonNode root) {
        JsonNode n = root.path("normalizer");
        return n.path("lowercase").asBoolean(false);
    }

    private static boolean readLowerCase(Path dir) throws IOException {
        Path cfg = dir.resolve("tokenizer_config.json");
        return Files.isRegularFile(cfg) && JSON.readTree(Files.readString(cfg)).path("do_lower_case").asBoolean(true);
    }

    void writeTo(Path dir) throws IOException {
        if (tokenizerJson != null) {
            Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
        }
        Files.write(dir.resolve("vocab.txt"), vocabTxt != null ? vocabTxt : vocabulary());
        SpecialTokens sp = tokenizer.specialTokens();
        ObjectNode map = JSON.createObjectNode();
        String[][] tokens = {{"unk_token", sp.unk()}, {"sep_token", sp.sep()}, {"pad_token", sp.pad()},
                {"cls_token", sp.cls()}, {"mask_token", sp.mask()}};
        for (String[] t : tokens) {
            if (t[1] != null) {
                map.put(t[0], t[1]);
            }
        }
        Files.writeString(dir.resolve("special_tokens_map.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(map));
        ObjectNode cfg = map.deepCopy();
        cfg.put("do_lower_case", lowercase);
        cfg.put("tokenize_chinese_chars", true);
        cfg.put("model_max_length", maxLength);
        cfg.put("tokenizer_class", "BertTokenizer");
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg));
    }

    private byte[] vocabulary() {
        StringJoiner lines = new StringJoiner("\n", "", "\n");
        for (int i = 0; i < tokenizer.vocabSize(); i++) {
            lines.add(tokenizer.idToToken(i));
        }
        return lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
