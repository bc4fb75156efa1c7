package dev.bert4j.cli;

import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.pipeline.LoadedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The default model loads while the command line is parsed, and only a right guess is ever used. */
class ModelPrefetchTest {
    @TempDir
    static Path root;
    static Path cache;
    static Path model;

    @BeforeAll
    static void convert() {
        cache = root.resolve("cache");
        model = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, cache, ConversionListener.NONE);
    }

    @Test
    void guessesOnlyForDefaultModelCommandsWithoutModelOption() {
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"embed", "one sentence"})).isTrue();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"similarity", "a", "b", "--threads", "1"})).isTrue();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"feature-extraction", "-q"})).isTrue();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"embed", "--", "--model"})).isTrue();   // a text
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"embed", "--model", "x", "t"})).isFalse();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"embed", "t", "--model=x"})).isFalse();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"tokenize", "t"})).isFalse();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{"classify", "t"})).isFalse();
        assertThat(ModelPrefetch.usesDefaultModel(new String[]{})).isFalse();
    }

    @Test
    void startsNothingBeforeTheDefaultModelIsConverted() {
        ModelPrefetch none = ModelPrefetch.start(new String[]{"embed", "t"}, root.resolve("empty-cache"));
        assertThat(none).isSameAs(ModelPrefetch.NONE);
        assertThat(Files.exists(root.resolve("empty-cache"))).isFalse();      // nothing converted or written
        assertThat(ModelPrefetch.start(new String[]{"embed", "--model", "m", "t"}, cache)).isSameAs(ModelPrefetch.NONE);
    }

    @Test
    void theCommandTakesThePrefetchedModelOnlyForTheSameDirectory() throws Exception {
        ModelPrefetch prefetch = ModelPrefetch.start(new String[]{"embed", "t"}, cache);
        assertThat(prefetch).isNotSameAs(ModelPrefetch.NONE);
        LoadedModel first = prefetch.load(model);
        assertThat(prefetch.load(model)).isSameAs(first);
        assertThat(first.directory().dir()).isEqualTo(model);
        Path copy = copyOf(model, root.resolve("copy"));
        LoadedModel other = prefetch.load(copy);
        assertThat(other).isNotSameAs(first);
        assertThat(other.directory().dir()).isEqualTo(copy);
    }

    @Test
    void aFailedPrefetchLeavesTheErrorToTheCommandsOwnLoad() throws Exception {
        Path broken = root.resolve("broken-cache");
        Path dir = copyOf(model, broken.resolve("models").resolve(EmbeddedModel.ALL_MINILM_L6_V2.name()));
        Files.write(dir.resolve("model.safetensors"), new byte[]{1, 2, 3});     // truncated weights, marker intact
        Throwable direct = catchThrowable(() -> LoadedModel.load(dir));
        assertThat(direct).isNotNull();
        ModelPrefetch prefetch = ModelPrefetch.start(new String[]{"embed", "t"}, broken);
        assertThat(prefetch).isNotSameAs(ModelPrefetch.NONE);
        assertThatThrownBy(() -> prefetch.load(dir)).isInstanceOf(direct.getClass()).hasMessage(direct.getMessage());
    }

    @Test
    void embedGivesTheSameLinesWithThePrefetchedModel() {
        ModelPrefetch prefetch = ModelPrefetch.start(new String[]{"embed", "one sentence"}, cache);
        assertThat(prefetch).isNotSameAs(ModelPrefetch.NONE);
        // the directory the command resolves is the prefetched one, so the command takes it
        String[] args = {"embed", "--threads", "1", "--model", model.toString(), "one sentence", "another one"};
        String with = run(args, prefetch);
        String without = run(args, ModelPrefetch.NONE);
        assertThat(with).isEqualTo(without).contains("\"text\":\"one sentence\"");
        assertThat(with.split("\n")).hasSize(2);
    }

    /** A copy of the model directory {@code from}, its folders included, at {@code to}. */
    private static Path copyOf(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static String run(String[] args, ModelPrefetch prefetch) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Bert4jCommand.execute(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), () -> false, prefetch);
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }
}
