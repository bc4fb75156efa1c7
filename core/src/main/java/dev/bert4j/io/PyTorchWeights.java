package dev.bert4j.io;

import dev.bert4j.hub.pytorch.PyTorchCheckpoint;
import dev.bert4j.hub.pytorch.TorchDtype;
import dev.bert4j.hub.pytorch.TorchTensor;
import dev.bert4j.model.BertConfig;
import dev.bert4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Weights from {@code pytorch_model.bin} (or its sharded index), read by the hub module's restricted
 * unpickler, which never runs code from the file. Float tensors are widened to float32; integer buffers
 * are kept out, as transformers does with {@code position_ids}, and any other integer tensor is an error.
 */
public final class PyTorchWeights {
    public static final String BIN = "pytorch_model.bin";
    public static final String BIN_INDEX = "pytorch_model.bin.index.json";
    /** Top-level weight files of any framework, which conversion does not copy. */
    private static final Pattern WEIGHT_FILE = Pattern.compile(
            "(pytorch_model|model|tf_model|flax_model|rust_model).*\\.(bin|safetensors|h5|msgpack|ot|onnx|json)");

    private PyTorchWeights() {
    }

    /** The checkpoint file of a directory: the single {@code .bin}, else the sharded index, else null. */
    public static Path find(Path dir) {
        for (String name : List.of(BIN, BIN_INDEX)) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    /** The float weights of {@code file} ({@code .bin} or {@code .bin.index.json}), by name in file order. */
    public static Map<String, Tensor> read(Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : PyTorchCheckpoint.read(file).entrySet()) {
            TorchTensor t = e.getValue();
            if (t.dtype() == TorchDtype.I64) {
                if (!e.getKey().endsWith("position_ids")) {
                    throw new ModelDirectoryException(file + ": weight '" + e.getKey() + "' is int64; only float "
                            + "weights (and position_ids buffers) are expected in a BERT checkpoint");
                }
                continue;
            }
            out.put(e.getKey(), new Tensor(shape(file, e.getKey(), t.shape()), t.toFloatArray()));
        }
        return out;
    }

    /**
     * {@code convert --pytorch}: a directory (or a lone {@code .bin} inside one) whose weights are a PyTorch
     * checkpoint becomes a directory with {@code model.safetensors} and copies of the config, tokenizer and
     * sentence-transformers files. Written to a temporary sibling and renamed, so {@code out} is complete or absent.
     */
    public static void convert(Path source, Path out, ConversionListener listener) {
        Path dir = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        Path checkpoint = Files.isDirectory(source) ? find(source) : source;
        if (checkpoint == null) {
            throw new ModelDirectoryException(source + " has no " + BIN + " or " + BIN_INDEX);
        }
        try {
            StagingFolder.removeStale(out);             // left by a killed run into the same folder
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot convert " + source + " into " + out + ": " + e.getMessage(), e);
        }
        if (Files.exists(out)) {
            throw new ModelDirectoryException(out + " already exists; choose a new output folder");
        }
        listener.progress(ConversionListener.Stage.READING, 0, 1);
        Map<String, Tensor> weights = read(checkpoint);
        listener.progress(ConversionListener.Stage.READING, 1, 1);
        BertConfig.fromFile(dir.resolve(ModelDirectory.CONFIG));
        try (StagingFolder tmp = StagingFolder.create(out)) {
            listener.progress(ConversionListener.Stage.WRITING, 0, 1);
            copyCompanions(dir, tmp.path());
            dev.bert4j.io.safetensors.SafetensorsWriter.write(tmp.path().resolve(ModelDirectory.WEIGHTS), weights,
                    Map.of("format", "pt"));
            tmp.moveIntoPlace(OnnxConversion::isConverted);
            listener.progress(ConversionListener.Stage.WRITING, 1, 1);
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot convert " + source + " into " + out + ": " + e.getMessage(), e);
        }
        listener.progress(ConversionListener.Stage.DONE, 1, 1);
    }

    /** Everything beside the weights (config, tokenizer, sentence-transformers files and folders), as it is. */
    private static void copyCompanions(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                Path rel = from.relativize(p);
                if (rel.getNameCount() == 1 && (WEIGHT_FILE.matcher(name).matches() || name.startsWith("."))) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    private static int[] shape(Path file, String name, long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new ModelDirectoryException(file + ": weight '" + name + "' is too large (dimension " + shape[i] + ")");
            }
            s[i] = (int) shape[i];
        }
        return s;
    }
}
