package dev.bert4j.train;

import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.io.ModelDirectoryWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.WeightInit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A tiny randomly initialized BERT directory with the real all-MiniLM-L6-v2 tokenizer, for fast training tests. */
public final class TinyModels {
    private TinyModels() {
    }

    public static BertConfig config() {
        return new BertConfig(30522, 32, 2, 2, 64, "gelu", 0.1, 0.1, 128, 2, 0.02, 1e-12, "absolute", 0, null,
                Map.of(), Map.of(), null, List.of("BertModel"), "bert");
    }

    /** Writes the encoder (no head, no pooler, as a sentence-transformers export) into {@code dir}. */
    public static Path write(Path dir) {
        BertConfig c = config();
        var w = WeightInit.complete(HeadKind.TOKEN_CLASSIFICATION, c, Map.of(), 3).weights();
        w.keySet().removeIf(k -> k.startsWith("classifier."));
        ModelDirectoryWriter.write(dir, c, w, tokenizerJson(), null);
        return dir;
    }

    static byte[] tokenizerJson() {
        try (InputStream in = TinyModels.class.getClassLoader()
                .getResourceAsStream(EmbeddedModel.ALL_MINILM_L6_V2.tokenizerResource())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
