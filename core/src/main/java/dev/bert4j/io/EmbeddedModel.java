package dev.bert4j.io;

/**
 * A BERT ONNX export shipped inside a jar on the classpath, with its tokenizer and the
 * sentence-transformers settings of the original model (the ONNX file does not record them).
 *
 * @param name              the cache folder name
 * @param onnxResource      classpath resource of the ONNX file
 * @param tokenizerResource classpath resource of {@code tokenizer.json}
 */
public record EmbeddedModel(String name, String onnxResource, String tokenizerResource,
                            SentenceTransformersConfig sentenceTransformers) {

    /** sentence-transformers/all-MiniLM-L6-v2: mean pooling, normalized, 256 tokens. The default model. */
    public static final EmbeddedModel ALL_MINILM_L6_V2 = new EmbeddedModel("all-MiniLM-L6-v2",
            "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
            SentenceTransformersConfig.of(PoolingMode.MEAN, true, 256));

    /** BAAI/bge-small-en-v1.5: CLS pooling, normalized, 512 tokens (needs its langchain4j jar). */
    public static final EmbeddedModel BGE_SMALL_EN_V15 = new EmbeddedModel("bge-small-en-v1.5",
            "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
            SentenceTransformersConfig.of(PoolingMode.CLS, true, 512));
}
