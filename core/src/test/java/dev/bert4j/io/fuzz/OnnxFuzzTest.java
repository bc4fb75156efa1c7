package dev.bert4j.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.io.onnx.OnnxFormatException;
import dev.bert4j.model.BertConfigException;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code .onnx} bytes either import as a BERT encoder or fail with an {@link OnnxFormatException} (or, for
 * a graph that implies an impossible config, a {@link BertConfigException}) that says why. The importer reads
 * the protobuf, names the weights through the graph and infers the config, so one target covers all three.
 * Seeds: a small graph shaped like a torch.onnx BERT export and the cut-off start of the real MiniLM export
 * ({@link SeedCorpus}). Long runs: docs/fuzzing.md.
 */
class OnnxFuzzTest {

    @FuzzTest
    @Timeout(60)
    void importsOrSaysWhy(byte[] onnx) {
        try {
            ImportedBert bert = OnnxBertImporter.importBytes(onnx);
            assertThat(bert.weights()).isNotEmpty();
        } catch (OnnxFormatException | BertConfigException e) {
            assertThat(e.getMessage()).as(e.getClass().getSimpleName() + " message").isNotBlank();
        }
    }
}
