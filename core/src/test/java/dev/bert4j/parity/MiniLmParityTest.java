package dev.bert4j.parity;

/** all-MiniLM-L6-v2 (6 layers, 12 heads of 32, mean pooling): 160 singles + 40 batches of 4 + long inputs. */
class MiniLmParityTest extends AbstractParityTest {
    @Override
    String onnxResource() {
        return "all-minilm-l6-v2.onnx";
    }

    @Override
    boolean clsPooling() {
        return false;
    }

    @Override
    int singles() {
        return 160;
    }

    @Override
    int batches() {
        return 40;
    }
}
