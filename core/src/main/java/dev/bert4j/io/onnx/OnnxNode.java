package dev.bert4j.io.onnx;

import java.util.List;
import java.util.Map;

/** One NodeProto: an operator with named inputs, outputs and attributes. */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public String output() {
        return outputs.isEmpty() ? "" : outputs.get(0);
    }

    @Override
    public String toString() {
        return opType + " '" + name + "' " + inputs + " -> " + outputs;
    }
}
