package dev.bert4j.io.onnx;

import dev.bert4j.model.BertConfig;
import dev.bert4j.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link BertConfig} off an ONNX BERT graph and its (already named) weights. */
final class OnnxConfigInference {
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    private OnnxConfigInference() {
    }

    static BertConfig infer(OnnxGraph g, Map<String, Tensor> w) {
        Tensor word = require(w, "embeddings.word_embeddings.weight");
        Tensor pos = require(w, "embeddings.position_embeddings.weight");
        Tensor types = require(w, "embeddings.token_type_embeddings.weight");
        int hidden = word.dim(1);
        int layers = countLayers(w);
        int intermediate = require(w, "encoder.layer.0.intermediate.dense.bias").dim(0);
        int heads = heads(g, hidden);
        String act = hiddenAct(g);
        double eps = layerNormEps(g);
        BertConfig d = BertConfig.defaults();
        return new BertConfig(word.dim(0), hidden, layers, heads, intermediate, act, d.hiddenDropoutProb(),
                d.attentionProbsDropoutProb(), pos.dim(0), types.dim(0), d.initializerRange(), eps, "absolute",
                d.padTokenId(), null, Map.of(), Map.of(), null, List.of("BertModel"), "bert");
    }

    private static Tensor require(Map<String, Tensor> w, String name) {
        Tensor t = w.get(name);
        if (t == null) {
            throw new OnnxFormatException("the graph has no initializer '" + name + "' (nor 'bert." + name
                    + "'); it does not look like a BERT export");
        }
        return t;
    }

    private static int countLayers(Map<String, Tensor> w) {
        Set<Integer> seen = new HashSet<>();
        for (String name : w.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                seen.add(Integer.parseInt(m.group(1)));
            }
        }
        for (int i = 0; i < seen.size(); i++) {
            if (!seen.contains(i)) {
                throw new OnnxFormatException("encoder layers are not numbered 0.." + (seen.size() - 1)
                        + ": found " + seen);
            }
        }
        if (seen.isEmpty()) {
            throw new OnnxFormatException("the graph has no encoder.layer.N weights");
        }
        return seen.size();
    }

    /** The head count from the Reshape that splits layer 0's query into (B, T, H, hs). */
    private static int heads(OnnxGraph g, int hidden) {
        OnnxNode add = producerOfBiasAdd(g, "encoder.layer.0.attention.self.query.bias");
        for (OnnxNode c : g.consumers(add.output())) {
            if (c.opType().equals("Reshape")) {
                List<Long> shape = constantShape(g, c.input(1));
                if (shape != null && shape.size() == 4 && shape.get(2) > 0 && shape.get(2) <= hidden
                        && shape.get(2) * shape.get(3) == hidden) {
                    return Math.toIntExact(shape.get(2));
                }
            }
        }
        throw new OnnxFormatException("cannot find the Reshape that splits the query of layer 0 into heads; the "
                + "head count is not visible in weight shapes, so this export cannot be converted");
    }

    private static OnnxNode producerOfBiasAdd(OnnxGraph g, String bias) {
        for (OnnxNode c : g.consumers(bias)) {
            if (c.opType().equals("Add")) {
                return c;
            }
        }
        for (OnnxNode c : g.consumers("bert." + bias)) {
            if (c.opType().equals("Add")) {
                return c;
            }
        }
        throw new OnnxFormatException("no Add node uses '" + bias + "'; the graph is not a recognizable BERT export");
    }

    /** A shape given as a constant, or as a Concat whose parts are constants (unknown parts become -1). */
    private static List<Long> constantShape(OnnxGraph g, String value) {
        OnnxTensor c = g.constant(value);
        if (c != null) {
            List<Long> out = new ArrayList<>();
            for (long v : c.toLongs()) {
                out.add(v);
            }
            return out;
        }
        OnnxNode p = g.producer(value);
        if (p == null || !p.opType().equals("Concat")) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (String in : p.inputs()) {
            OnnxTensor part = g.constant(in);
            if (part == null) {
                out.add(-1L);
            } else {
                for (long v : part.toLongs()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** hidden_act from the ops between layer 0's intermediate dense and the next MatMul. */
    private static String hiddenAct(OnnxGraph g) {
        OnnxNode add = producerOfBiasAdd(g, "encoder.layer.0.intermediate.dense.bias");
        Set<String> ops = new HashSet<>();
        Deque<OnnxNode> todo = new ArrayDeque<>(g.consumers(add.output()));
        Set<OnnxNode> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < 64) {
            OnnxNode n = todo.pop();
            if (!seen.add(n) || n.opType().equals("MatMul") || n.opType().equals("Gemm")) {
                continue;
            }
            ops.add(n.opType());
            if (n.opType().equals("Gelu") && n.attributes().containsKey("approximate")) {
                ops.add("Gelu:" + n.attributes().get("approximate").s());
            }
            todo.addAll(g.consumers(n.output()));
        }
        if (ops.contains("Erf") || ops.contains("Gelu:none") || ops.contains("BiasGelu")) {
            return "gelu";
        }
        if (ops.contains("Tanh") || ops.contains("Gelu:tanh") || ops.contains("FastGelu")) {
            return "gelu_new";
        }
        if (ops.contains("Gelu")) {
            return "gelu";
        }
        if (ops.contains("Sigmoid")) {
            return "silu";
        }
        if (ops.contains("Relu")) {
            return "relu";
        }
        throw new OnnxFormatException("cannot recognize the activation after encoder.layer.0.intermediate.dense "
                + "(ops seen: " + ops + "); supported: Erf (gelu), Tanh (gelu_new), Sigmoid (silu), Relu");
    }

    /** layer_norm_eps: LayerNormalization's epsilon, or the constant added to the variance. */
    private static double layerNormEps(OnnxGraph g) {
        String gamma = g.initializers().containsKey("embeddings.LayerNorm.weight")
                ? "embeddings.LayerNorm.weight" : "bert.embeddings.LayerNorm.weight";
        for (OnnxNode c : g.consumers(gamma)) {
            if (c.opType().equals("LayerNormalization")) {
                OnnxAttribute a = c.attributes().get("epsilon");
                return a == null ? 1e-5 : tidy(a.f());
            }
            if (c.opType().equals("Mul")) {
                Double eps = epsFromDecomposed(g, c);
                if (eps != null) {
                    return eps;
                }
            }
        }
        throw new OnnxFormatException("cannot find the LayerNorm epsilon of embeddings.LayerNorm (neither a "
                + "LayerNormalization node nor ReduceMean/Add/Sqrt/Div)");
    }

    private static Double epsFromDecomposed(OnnxGraph g, OnnxNode mul) {
        for (String in : mul.inputs()) {
            OnnxNode div = g.producer(in);
            if (div == null || !div.opType().equals("Div")) {
                continue;
            }
            OnnxNode sqrt = g.producer(div.input(1));
            if (sqrt == null || !sqrt.opType().equals("Sqrt")) {
                continue;
            }
            OnnxNode add = g.producer(sqrt.input(0));
            if (add == null || !add.opType().equals("Add")) {
                continue;
            }
            for (String a : add.inputs()) {
                OnnxTensor c = g.constant(a);
                if (c != null && c.elementCount() == 1) {
                    return tidy((float) c.scalar());
                }
            }
        }
        return null;
    }

    /** The shortest decimal that rounds to the same float: 9.9999998e-13f becomes 1e-12. */
    private static double tidy(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
