package dev.bert4j.parity;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.bert4j.model.BertInputs;

import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/** ONNX Runtime on the same ONNX file: the independent reference for encoder numbers. */
public final class OrtReference implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OrtReference(byte[] onnx) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(2);
        opts.setInterOpNumThreads(1);
        session = env.createSession(onnx, opts);
    }

    /** last_hidden_state (B, T, C) flattened. */
    public float[] lastHiddenState(BertInputs in) throws OrtException {
        return outputs(in).get("last_hidden_state");
    }

    /** Every output of the export by name ({@code last_hidden_state}, {@code pooler_output} if exported), flattened. */
    public Map<String, float[]> outputs(BertInputs in) throws OrtException {
        long[] shape = {in.batchSize(), in.seqLen()};
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            feeds.put("input_ids", tensor(in.inputIds(), shape));
            feeds.put("attention_mask", tensor(in.attentionMask(), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                feeds.put("token_type_ids", tensor(in.tokenTypeIds(), shape));
            }
            try (OrtSession.Result r = session.run(feeds)) {
                Map<String, float[]> outputs = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    var fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] a = new float[fb.remaining()];
                    fb.get(a);
                    outputs.put(e.getKey(), a);
                }
                return outputs;
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(int[] v, long[] shape) throws OrtException {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape);
    }

    /** The classpath resource {@code name} (the ONNX exports come from the model jars), read whole. */
    public static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = OrtReference.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
