package dev.bert4j.io.onnx;

/** One AttributeProto; only the kinds BERT graphs use (float, int, ints, string, tensor). */
public record OnnxAttribute(String name, float f, long i, long[] ints, String s, OnnxTensor t) {
}
