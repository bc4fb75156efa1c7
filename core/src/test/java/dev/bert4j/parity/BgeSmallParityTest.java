package dev.bert4j.parity;

/** bge-small-en-v1.5 (12 layers, CLS pooling): a second standard export. */
class BgeSmallParityTest extends AbstractParityTest {
    @Override
    String onnxResource() {
        return "bge-small-en-v1.5.onnx";
    }

    @Override
    boolean clsPooling() {
        return true;
    }

    @Override
    int singles() {
        return 40;
    }

    @Override
    int batches() {
        return 10;
    }
}
