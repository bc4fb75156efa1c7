package dev.bert4j.viz;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.pipeline.LoadedModel;

import java.nio.file.Path;

/** The real all-MiniLM-L6-v2 (from Maven Central), converted once into {@code target/} and loaded once per test JVM. */
final class MiniLm {
    private static Path dir;
    private static LoadedModel model;

    private MiniLm() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            dir = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, Path.of("target", "minilm-cache"),
                    ConversionListener.NONE);
        }
        return dir;
    }

    static synchronized LoadedModel model() {
        if (model == null) {
            model = LoadedModel.load(dir());
        }
        return model;
    }
}
