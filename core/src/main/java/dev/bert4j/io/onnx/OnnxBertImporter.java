package dev.bert4j.io.onnx;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertModel;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@code torch.onnx} export of a BERT encoder into HF-named weights and a config.
 *
 * <p>Such exports keep HF names for embeddings, LayerNorms and biases but store each Linear weight
 * transposed, as an anonymous initializer ({@code onnx::MatMul_N}). Each one is named through the graph:
 * the MatMul that reads it feeds an Add whose other input is a named bias {@code X.bias}, so the weight
 * is {@code X.weight}; it is transposed to {@code (out, in)}. The config is read from the graph as well
 * (see {@link OnnxConfigInference}). The result is checked by building a strict {@link BertModel}, so a
 * graph that is not understood fails here rather than producing a half model.
 */
public final class OnnxBertImporter {
    private OnnxBertImporter() {
    }

    public static ImportedBert importFile(Path onnx) {
        try {
            return importBytes(Files.readAllBytes(onnx));
        } catch (IOException e) {
            throw new OnnxFormatException("cannot read " + onnx + ": " + e.getMessage(), e);
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(onnx + ": " + e.getMessage(), e);
        }
    }

    public static ImportedBert importBytes(byte[] onnx) {
        OnnxGraph graph = OnnxReader.read(onnx);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        nameLinearWeights(graph, weights, used);
        for (OnnxTensor t : graph.initializers().values()) {
            if (!used.contains(t.name()) && isParameterName(t.name()) && t.dataType() == OnnxTensor.FLOAT) {
                weights.put(strip(t.name()), new Tensor(t.shape(), t.toFloats()));
                used.add(t.name());
            }
        }
        rejectLeftovers(graph, used);
        BertConfig config = OnnxConfigInference.infer(graph, weights);
        try {
            BertModel.fromStateDict(config, weights);
        } catch (RuntimeException e) {
            throw new OnnxFormatException("the graph does not form a complete BERT encoder: " + e.getMessage(), e);
        }
        return new ImportedBert(config, weights);
    }

    private static void nameLinearWeights(OnnxGraph graph, Map<String, Tensor> weights, Set<String> used) {
        for (OnnxNode node : graph.nodes()) {
            boolean gemm = node.opType().equals("Gemm");
            if (!node.opType().equals("MatMul") && !gemm) {
                continue;
            }
            OnnxTensor w = graph.initializers().get(node.input(1));
            if (w == null || w.dims().length != 2) {
                continue;
            }
            String bias = gemm ? node.input(2) : biasOf(graph, node);
            if (bias == null || !bias.endsWith(".bias") || !graph.initializers().containsKey(bias)) {
                throw new OnnxFormatException(node.opType() + " node '" + node.name() + "' multiplies by weight '"
                        + w.name() + "' " + java.util.Arrays.toString(w.dims()) + " but no named bias (X.bias) is "
                        + "added to its output, so the weight cannot be named; is this a BERT export from torch.onnx?");
            }
            Tensor t = new Tensor(w.shape(), w.toFloats());
            boolean transB = gemm && node.attributes().containsKey("transB") && node.attributes().get("transB").i() != 0;
            String name = strip(bias.substring(0, bias.length() - ".bias".length()) + ".weight");
            if (weights.put(name, transB ? t : t.transpose2d()) != null) {
                throw new OnnxFormatException("two MatMul weights map to '" + name + "'; the graph is not a plain BERT");
            }
            used.add(w.name());
        }
    }

    /** The named bias added to a MatMul's output by the single Add consuming it, or null. */
    private static String biasOf(OnnxGraph graph, OnnxNode matmul) {
        for (OnnxNode c : graph.consumers(matmul.output())) {
            if (c.opType().equals("Add")) {
                String other = c.input(0).equals(matmul.output()) ? c.input(1) : c.input(0);
                if (graph.initializers().containsKey(other)) {
                    return other;
                }
            }
        }
        return null;
    }

    private static boolean isParameterName(String name) {
        String n = strip(name);
        return n.startsWith("embeddings.") || n.startsWith("encoder.") || n.startsWith("pooler.");
    }

    private static String strip(String name) {
        return name.startsWith("bert.") ? name.substring("bert.".length()) : name;
    }

    private static void rejectLeftovers(OnnxGraph graph, Set<String> used) {
        Set<String> left = new TreeSet<>();
        for (OnnxTensor t : graph.initializers().values()) {
            if (!used.contains(t.name()) && t.dataType() == OnnxTensor.FLOAT && t.elementCount() > 1) {
                left.add(t.name() + java.util.Arrays.toString(t.dims()));
            }
        }
        if (!left.isEmpty()) {
            throw new OnnxFormatException("the graph holds weights that do not belong to a BERT encoder: " + left
                    + "; task heads and non-BERT architectures are not supported by the importer");
        }
    }
}
