package dev.bert4j.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed ONNX graph: nodes in file order, initializers by name, graph inputs and outputs, with
 * lookup tables from a value name to the node producing it and the nodes consuming it.
 */
public final class OnnxGraph {
    private final List<OnnxNode> nodes;
    private final Map<String, OnnxTensor> initializers;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    public OnnxGraph(List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
                     List<String> inputs, List<String> outputs) {
        this.nodes = List.copyOf(nodes);
        this.initializers = new LinkedHashMap<>(initializers);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OnnxNode n : nodes) {
            for (String o : n.outputs()) {
                producers.put(o, n);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    public Map<String, OnnxTensor> initializers() {
        return initializers;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The node that produces a value, or null for graph inputs and initializers. */
    public OnnxNode producer(String value) {
        return producers.get(value);
    }

    public List<OnnxNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /**
     * The constant behind a value: an initializer, a Constant node's tensor, or null when the value
     * is computed at run time. Identity nodes are looked through.
     */
    public OnnxTensor constant(String value) {
        OnnxTensor init = initializers.get(value);
        if (init != null) {
            return init;
        }
        OnnxNode p = producers.get(value);
        if (p == null) {
            return null;
        }
        if (p.opType().equals("Constant")) {
            OnnxAttribute a = p.attributes().get("value");
            return a == null ? null : a.t();
        }
        if (p.opType().equals("Identity")) {
            return constant(p.input(0));
        }
        return null;
    }
}
