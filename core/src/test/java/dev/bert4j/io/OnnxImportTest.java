package dev.bert4j.io;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.io.onnx.OnnxFormatException;
import dev.bert4j.model.BertConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxImportTest {
    @TempDir
    Path tmp;

    @Test
    void infersTheConfigFromTheGraph() throws IOException {
        ImportedBert mini = OnnxBertImporter.importBytes(DefaultModelsTest.resource("all-minilm-l6-v2.onnx"));
        BertConfig c = mini.config();
        assertThat(c.numAttentionHeads()).isEqualTo(12);   // 12 heads of 32, not visible in weight shapes
        assertThat(c.numHiddenLayers()).isEqualTo(6);
        assertThat(c.hiddenSize()).isEqualTo(384);
        assertThat(c.intermediateSize()).isEqualTo(1536);
        assertThat(c.hiddenAct()).isEqualTo("gelu");
        assertThat(c.layerNormEps()).isEqualTo(1e-12);
        assertThat(c.vocabSize()).isEqualTo(30522);
        assertThat(c.maxPositionEmbeddings()).isEqualTo(512);
        assertThat(mini.weights().get("encoder.layer.0.intermediate.dense.weight").shape()).containsExactly(1536, 384);
        assertThat(mini.weights()).doesNotContainKey("embeddings.position_ids");
    }

    @Test
    void malformedOnnxIsAClearError() throws IOException {
        assertThatThrownBy(() -> OnnxBertImporter.importBytes("not an onnx file at all".getBytes()))
                .isInstanceOf(OnnxFormatException.class);
        byte[] onnx = DefaultModelsTest.resource("all-minilm-l6-v2.onnx");
        assertThatThrownBy(() -> OnnxBertImporter.importBytes(Arrays.copyOf(onnx, onnx.length / 2)))
                .isInstanceOf(OnnxFormatException.class);
        assertThatThrownBy(() -> OnnxBertImporter.importBytes(new byte[0]))
                .isInstanceOf(OnnxFormatException.class).hasMessageContaining("no graph");
    }

    @Test
    void convertWritesAHuggingFaceDirectoryAtomically() throws IOException {
        Path onnx = tmp.resolve("model.onnx");
        Files.write(onnx, DefaultModelsTest.resource("bge-small-en-v1.5.onnx"));
        Path tok = tmp.resolve("tokenizer.json");
        Files.write(tok, DefaultModelsTest.resource("bge-small-en-v1.5-tokenizer.json"));
        Path out = tmp.resolve("out/bge");
        OnnxConversion.convert(onnx, tok, EmbeddedModel.BGE_SMALL_EN_V15.sentenceTransformers(), out,
                ConversionListener.NONE);
        ModelDirectory md = ModelDirectory.open(out);
        assertThat(md.config().numHiddenLayers()).isEqualTo(12);
        assertThat(md.sentenceTransformers().poolingModes()).containsExactly(PoolingMode.CLS);
        assertThat(md.tokenizerJson()).hasSameBinaryContentAs(tok);
        assertThatThrownBy(() -> OnnxConversion.convert(onnx, null, null, out, ConversionListener.NONE))
                .isInstanceOf(ModelDirectoryException.class).hasMessageContaining("already exists");
        Path bad = tmp.resolve("bad.onnx");
        Files.write(bad, new byte[] {8, 7, 18, 3, 'x'});
        assertThatThrownBy(() -> OnnxConversion.convert(bad, null, null, tmp.resolve("out/bad"), ConversionListener.NONE))
                .isInstanceOf(OnnxFormatException.class);
        try (var s = Files.list(tmp.resolve("out"))) {
            assertThat(s.toList()).containsExactly(out);         // nothing half-written
        }
    }
}
