package dev.bert4j.io.fuzz;

import com.google.protobuf.CodedOutputStream;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.io.ModelDirectoryWriter;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.TinyBert;
import dev.bert4j.tensor.DType;
import dev.bert4j.tensor.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the seed corpora of the core fuzz targets from real artifacts: a tiny random model saved by the project's
 * own {@link ModelDirectoryWriter} (with the MiniLM sentence-transformers files), and the start of the real
 * MiniLM ONNX export from its Maven artifact. Run by {@code scripts/fuzz/seed-corpora.sh}; the argument is the
 * module's {@code src/test/resources}. Seeds stay small: no model weights are committed.
 */
public final class SeedCorpus {
    /** The side files {@link ModelDirectoryFuzzTest} writes, in input order. */
    static final List<String> SIDE_FILES = List.of("config.json", "modules.json", "1_Pooling/config.json",
            "sentence_bert_config.json");
    private static final String PKG = "dev/bert4j/io/fuzz/";

    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]);
        Path tinyDir = Files.createTempDirectory("seed-model");
        BertConfig config = TinyBert.config("gelu");
        ModelDirectoryWriter.write(tinyDir, config, TinyBert.weights(config, 7), null,
                EmbeddedModel.ALL_MINILM_L6_V2.sentenceTransformers());
        Path st = dir(resources, "SafetensorsFuzzTestInputs/opensOrSaysWhy");
        Files.copy(tinyDir.resolve("model.safetensors"), st.resolve("tiny-model.safetensors"));
        Files.write(st.resolve("half-and-bf16.safetensors"), smallFile());
        Path cfg = dir(resources, "ModelDirectoryFuzzTestInputs/configFromJsonLoadsOrSaysWhy");
        Files.copy(tinyDir.resolve("config.json"), cfg.resolve("tiny-config.json"));
        Path md = dir(resources, "ModelDirectoryFuzzTestInputs/directoryOpensOrSaysWhy");
        Files.write(md.resolve("tiny-sentence-transformer.bin"), join(tinyDir));
        Path onnx = dir(resources, "OnnxFuzzTestInputs/importsOrSaysWhy");
        Files.write(onnx.resolve("linear-layer.onnx"), linearGraph());
        byte[] real = resource(EmbeddedModel.ALL_MINILM_L6_V2.onnxResource());
        Files.write(onnx.resolve("minilm-head.onnx"), Arrays.copyOf(real, 3000));
    }

    /** The safetensors bytes of the tiny model the directory target loads. */
    static byte[] tinyWeights() {
        try {
            Path file = Files.createTempFile("tiny", ".safetensors");
            BertConfig config = TinyBert.config("gelu");
            SafetensorsWriter.write(file, TinyBert.weights(config, 7), Map.of("format", "pt"));
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits an input at NUL bytes. */
    static List<byte[]> split(byte[] input) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0) {
                parts.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static byte[] join(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < SIDE_FILES.size(); i++) {
            if (i > 0) {
                out.write(0);
            }
            Path f = dir.resolve(SIDE_FILES.get(i));
            if (Files.exists(f)) {
                out.write(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }

    private static byte[] smallFile() throws IOException {
        Path file = Files.createTempFile("small", ".safetensors");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("embeddings.LayerNorm.weight", new Tensor(new int[] {4}, new float[] {1, -2, 0.5f, 65504}));
        t.put("pooler.dense.bias", new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        SafetensorsWriter.write(file, t, Map.of("format", "pt"), DType.BF16);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    /** A graph shaped like torch.onnx's BERT export: MatMul by an anonymous weight, then Add of a named bias. */
    private static byte[] linearGraph() throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        CodedOutputStream g = CodedOutputStream.newInstance(graph);
        g.writeByteArray(1, node("MatMul_0", "MatMul", List.of("x", "onnx::MatMul_1"), "mm"));
        g.writeByteArray(1, node("Add_1", "Add", List.of("mm", "bert.encoder.layer.0.attention.self.query.bias"), "y"));
        g.writeByteArray(5, tensor("onnx::MatMul_1", new long[] {4, 4}, 16));
        g.writeByteArray(5, tensor("bert.encoder.layer.0.attention.self.query.bias", new long[] {4}, 4));
        g.writeByteArray(5, tensor("bert.embeddings.word_embeddings.weight", new long[] {10, 4}, 40));
        g.writeByteArray(5, tensor("bert.embeddings.LayerNorm.weight", new long[] {4}, 4));
        g.writeByteArray(11, valueInfo("x"));
        g.writeByteArray(12, valueInfo("y"));
        g.flush();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        CodedOutputStream m = CodedOutputStream.newInstance(model);
        m.writeInt64(1, 8);
        m.writeByteArray(7, graph.toByteArray());
        m.flush();
        return model.toByteArray();
    }

    private static byte[] node(String name, String op, List<String> inputs, String output) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        for (String in : inputs) {
            o.writeString(1, in);
        }
        o.writeString(2, output);
        o.writeString(3, name);
        o.writeString(4, op);
        o.flush();
        return b.toByteArray();
    }

    private static byte[] tensor(String name, long[] dims, int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        for (long d : dims) {
            o.writeInt64(1, d);
        }
        o.writeInt32(2, 1);
        o.writeString(8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            raw.putFloat(0.01f * i);
        }
        o.writeByteArray(9, raw.array());
        o.flush();
        return b.toByteArray();
    }

    private static byte[] valueInfo(String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeString(1, name);
        o.flush();
        return b.toByteArray();
    }

    private static Path dir(Path resources, String sub) throws IOException {
        return Files.createDirectories(resources.resolve(PKG + sub));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SeedCorpus.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return in.readAllBytes();
        }
    }
}
