package dev.bert4j.io;

import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertForMaskedLM;
import dev.bert4j.model.BertForQuestionAnswering;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadFixtures;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.QuestionAnsweringModelOutput;
import dev.bert4j.model.UnknownHeadException;
import dev.bert4j.model.WeightLoadException;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.model.BertInputs;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Heads loaded from model directories written with the safetensors writer. */
class TaskHeadsTest {
    @TempDir
    Path tmp;

    private Path write(String name, BertConfig c, Map<String, Tensor> weights) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelDirectory.CONFIG), c.toJson());
        SafetensorsWriter.write(dir.resolve(ModelDirectory.WEIGHTS), weights, Map.of("format", "pt"));
        return dir;
    }

    @Test
    void theHeadComesFromArchitecturesAndMatchesTheInMemoryModel() throws IOException {
        BertConfig c = HeadFixtures.config("gelu", Map.of(0, "O", 1, "B-X"), null, List.of("BertForTokenClassification"));
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.TOKEN_CLASSIFICATION, c, 1);
        ModelDirectory md = ModelDirectory.open(write("tok", c, w));
        BertTaskModel loaded = TaskHeads.load(md);
        assertThat(loaded).isInstanceOf(BertForTokenClassification.class);
        BertInputs in = BertInputs.single(1, 4, 5, 2);
        float[] expected = BertForTokenClassification.fromStateDict(c, w).forward(ComputeContext.reference(), in)
                .logits().data();
        assertThat(((BertForTokenClassification) loaded).forward(ComputeContext.reference(), in).logits().data())
                .containsExactly(expected);
    }

    @Test
    void aDirectoryWhoseWeightsDoNotFitTheHeadIsAnErrorNamingIt() throws IOException {
        BertConfig c = HeadFixtures.config("gelu", Map.of(), null, List.of("BertForQuestionAnswering"));
        Map<String, Tensor> w = HeadFixtures.checkpoint(HeadKind.QUESTION_ANSWERING, c, 2);
        Path dir = write("qa", c, w);
        ModelDirectory md = ModelDirectory.open(dir);
        BertInputs in = BertInputs.single(1, 7, 8, 9, 2);
        QuestionAnsweringModelOutput loaded = TaskHeads.load(md, BertForQuestionAnswering.class)
                .forward(ComputeContext.reference(), in);
        QuestionAnsweringModelOutput inMemory = BertForQuestionAnswering.fromStateDict(c, w)
                .forward(ComputeContext.reference(), in);
        assertThat(loaded.startLogits().data()).containsExactly(inMemory.startLogits().data());
        assertThat(loaded.endLogits().data()).containsExactly(inMemory.endLogits().data());
        // qa_outputs read from the file, not initialized: the logits are the head's two rows over the hidden states
        float[] h = inMemory.bertOutput().lastHiddenState().data();
        float[] qw = w.get("qa_outputs.weight").data();
        int C = c.hiddenSize();
        for (int t = 0; t < 5; t++) {
            double start = w.get("qa_outputs.bias").data()[0];
            double end = w.get("qa_outputs.bias").data()[1];
            for (int k = 0; k < C; k++) {
                start += (double) h[t * C + k] * qw[k];
                end += (double) h[t * C + k] * qw[C + k];
            }
            assertThat((double) loaded.startLogits().data()[t]).isCloseTo(start, within(1e-4));
            assertThat((double) loaded.endLogits().data()[t]).isCloseTo(end, within(1e-4));
        }
        assertThatThrownBy(() -> TaskHeads.load(md, BertForMaskedLM.class))
                .isInstanceOf(WeightLoadException.class).hasMessageStartingWith(dir.toString())
                .hasMessageContaining("cls.predictions");
    }

    @Test
    void aDirectoryWithoutATaskHeadInArchitecturesNeedsAnExplicitHead() throws IOException {
        BertConfig c = HeadFixtures.config("gelu", Map.of(), null, List.of("BertModel"));
        ModelDirectory md = ModelDirectory.open(write("base", c, HeadFixtures.encoder(c, 3, "", true)));
        assertThatThrownBy(() -> TaskHeads.load(md)).isInstanceOf(UnknownHeadException.class)
                .hasMessageContaining("[BertModel]");
    }
}
