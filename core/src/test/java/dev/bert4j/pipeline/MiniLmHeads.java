package dev.bert4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.io.ConversionListener;
import dev.bert4j.io.DefaultModels;
import dev.bert4j.io.EmbeddedModel;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.HeadFixtures;
import dev.bert4j.model.HeadKind;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The real all-MiniLM-L6-v2 encoder (converted from its embedded ONNX export) with seeded random task heads:
 * each head directory holds the base weights as one shard (a link to the converted file) and the head as a
 * second shard, tied together by {@code model.safetensors.index.json}, plus a config naming the head.
 */
public final class MiniLmHeads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path base;
    private final BertConfig baseConfig;

    public MiniLmHeads(Path root) {
        this.root = root;
        this.base = DefaultModels.ensure(EmbeddedModel.ALL_MINILM_L6_V2, root.resolve("cache"), ConversionListener.NONE);
        this.baseConfig = ModelDirectory.open(base).config();
    }

    public BertConfig baseConfig() {
        return baseConfig;
    }

    /**
     * A model directory with head {@code kind} on the real encoder.
     *
     * @param modelMaxLength written to {@code tokenizer_config.json} when not null
     */
    public Path withHead(String name, HeadKind kind, Map<Integer, String> id2label, String problemType,
                         Integer modelMaxLength) {
        try {
            Path dir = Files.createDirectories(root.resolve(name));
            BertConfig c = configFor(kind, id2label, problemType);
            Files.writeString(dir.resolve(ModelDirectory.CONFIG), c.toJson());
            Files.copy(base.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            if (modelMaxLength != null) {
                Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": " + modelMaxLength + "}");
            }
            Files.createSymbolicLink(dir.resolve("model-encoder.safetensors"), base.resolve(ModelDirectory.WEIGHTS));
            Map<String, Tensor> head = HeadFixtures.head(kind, c, name.hashCode());
            if (kind.needsPooler()) {                    // the ONNX export has no pooler: add a seeded one
                Random r = new Random(name.hashCode() + 1L);
                head.put("pooler.dense.weight", HeadFixtures.random(r, 0.05, c.hiddenSize(), c.hiddenSize()));
                head.put("pooler.dense.bias", HeadFixtures.random(r, 0.05, c.hiddenSize()));
            }
            SafetensorsWriter.write(dir.resolve("model-head.safetensors"), head, Map.of("format", "pt"));
            writeIndex(dir, head.keySet());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeIndex(Path dir, Iterable<String> headNames) throws IOException {
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (String name : ModelDirectory.open(base).loadWeights().keySet()) {
            weightMap.put(name, "model-encoder.safetensors");
        }
        for (String name : headNames) {
            weightMap.put(name, "model-head.safetensors");
        }
        Files.writeString(dir.resolve(ModelDirectory.INDEX), JSON.writeValueAsString(Map.of("weight_map", weightMap)));
    }

    private BertConfig configFor(HeadKind kind, Map<Integer, String> id2label, String problemType) {
        BertConfig b = baseConfig;
        Map<String, Integer> label2id = new LinkedHashMap<>();
        id2label.forEach((k, v) -> label2id.put(v, k));
        return new BertConfig(b.vocabSize(), b.hiddenSize(), b.numHiddenLayers(), b.numAttentionHeads(),
                b.intermediateSize(), b.hiddenAct(), b.hiddenDropoutProb(), b.attentionProbsDropoutProb(),
                b.maxPositionEmbeddings(), b.typeVocabSize(), b.initializerRange(), b.layerNormEps(),
                b.positionEmbeddingType(), b.padTokenId(), b.classifierDropout(), id2label, label2id, problemType,
                List.of(kind.architecture()), b.modelType());
    }
}
