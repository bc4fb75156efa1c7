package dev.bert4j.io.onnx;

import dev.bert4j.model.BertConfig;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** A BERT recovered from an ONNX graph: its inferred config and HF-named weights, Linear weights (out, in). */
public record ImportedBert(BertConfig config, Map<String, Tensor> weights) {
}
