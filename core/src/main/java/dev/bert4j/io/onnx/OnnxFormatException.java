package dev.bert4j.io.onnx;

/** An ONNX file that cannot be read or a graph that cannot be mapped to BERT. */
public final class OnnxFormatException extends RuntimeException {
    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
