package dev.bert4j.io;

import com.google.protobuf.CodedOutputStream;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.io.onnx.OnnxFormatException;
import dev.bert4j.io.onnx.OnnxReader;
import dev.bert4j.io.onnx.OnnxTensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ONNX initializers whose dims claim more than the file holds are one clear error, before allocating. */
class OnnxUntrustedSizesTest {
    private static final long TWO_31 = 1L << 31;

    @Test
    void dimsWhoseProductOverflowsAreRefused() throws IOException {
        byte[] onnx = model(tensor("embeddings.word_embeddings.weight", 1, new byte[4], TWO_31, TWO_31));
        assertThatThrownBy(() -> OnnxBertImporter.importBytes(onnx)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("embeddings.word_embeddings.weight")
                .hasMessageContaining("[2147483648, 2147483648]");
    }

    @Test
    void dimsBeyondALongAreRefused() throws IOException {
        byte[] onnx = model(tensor("embeddings.word_embeddings.weight", 1, new byte[4], 1L << 40, 1L << 40));
        assertThatThrownBy(() -> OnnxBertImporter.importBytes(onnx)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("more elements than a 64-bit count holds");
    }

    @Test
    void integerTensorClaimingMoreValuesThanItHoldsIsRefusedBeforeAllocating() throws IOException {
        // an INT64 Constant-like initializer of 2^30 values with 8 bytes of data: 8 GiB if allocated first
        byte[] onnx = model(tensor("shape_const", 7, new byte[8], 1L << 30));
        OnnxTensor t = OnnxReader.read(onnx).initializers().get("shape_const");
        assertThatThrownBy(t::toLongs).isInstanceOf(OnnxFormatException.class).hasMessageContaining("shape_const")
                .hasMessageContaining("needs 1073741824 values but holds 1");
    }

    /** TensorProto: dims (1), data_type (2), name (8), raw_data (9). */
    private static byte[] tensor(String name, int dataType, byte[] raw, long... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (long d : dims) {
            out.writeInt64(1, d);
        }
        out.writeInt32(2, dataType);
        out.writeString(8, name);
        out.writeByteArray(9, raw);
        out.flush();
        return bytes.toByteArray();
    }

    /** ModelProto with graph (7) holding one initializer (5). */
    private static byte[] model(byte[] initializer) throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        CodedOutputStream g = CodedOutputStream.newInstance(graph);
        g.writeByteArray(5, initializer);
        g.flush();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        CodedOutputStream m = CodedOutputStream.newInstance(model);
        m.writeByteArray(7, graph.toByteArray());
        m.flush();
        return model.toByteArray();
    }
}
