package dev.bert4j.cli;

import dev.bert4j.io.OnnxConversion;
import dev.bert4j.io.PoolingMode;
import dev.bert4j.io.PyTorchWeights;
import dev.bert4j.io.SentenceTransformersConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bert4j convert}: an ONNX export or a PyTorch checkpoint into a Hugging Face model directory with safetensors. */
@Command(name = "convert",
        description = {"Turn a BERT ONNX export (--onnx) or a pytorch_model.bin checkpoint (--pytorch) into a",
            "Hugging Face model directory with model.safetensors. The output folder must not exist yet; it is",
            "written completely or not at all."})
final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "A BERT ONNX export.")
        Path onnx;

        @Option(names = "--pytorch", paramLabel = "PATH", required = true,
                description = "A model directory with pytorch_model.bin (or its sharded index), or the .bin file.")
        Path pytorch;
    }

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json to put beside an ONNX model.")
    Path tokenizer;

    @Option(names = "--pooling", paramLabel = "P",
            description = "For an ONNX sentence-embedding model: write sentence-transformers pooling (cls, mean, ...).")
    String pooling;

    @Option(names = "--normalize", description = "With --pooling: the embeddings are L2-normalized.")
    boolean normalize;

    @Option(names = "--max-seq-length", paramLabel = "N", description = "With --pooling: sentence-transformers max_seq_length.")
    Integer maxSeqLength;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output model directory (must not exist).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Override
    public Integer call() {
        requireWritable(out);
        try (Progress progress = new Progress(spec.commandLine().getErr(), quiet)) {
            if (source.onnx != null) {
                requireFile(source.onnx, "--onnx");
                if (tokenizer != null) {
                    requireFile(tokenizer, "--tokenizer");
                }
                OnnxConversion.convert(source.onnx, tokenizer, sentenceTransformers(), out, progress);
            } else {
                if (tokenizer != null || pooling != null) {
                    throw new IllegalArgumentException("--tokenizer and --pooling apply to --onnx; a PyTorch model"
                            + " directory keeps its own tokenizer and sentence-transformers files");
                }
                if (!Files.exists(source.pytorch)) {
                    throw new IllegalArgumentException("--pytorch " + source.pytorch + ": no such file or directory");
                }
                PyTorchWeights.convert(source.pytorch, out, progress);
            }
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    private SentenceTransformersConfig sentenceTransformers() {
        if (pooling == null) {
            if (normalize || maxSeqLength != null) {
                throw new IllegalArgumentException("--normalize and --max-seq-length need --pooling");
            }
            return null;
        }
        return SentenceTransformersConfig.of(PoolingMode.fromName(pooling), normalize, maxSeqLength);
    }

    /**
     * Fails, naming the folder and the system's reason, when {@code --out} cannot be created: the nearest folder
     * that exists must be a folder in which bert4j can create (and remove) one of its own.
     */
    private static void requireWritable(Path out) {
        Path existing = out.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException("--out " + out + ": cannot create it: " + existing + " is a file, not a folder");
        }
        try {
            Files.delete(Files.createTempDirectory(existing, ".bert4j-write-check-"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create it: " + Errors.describe(e), e);
        }
    }

    private static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
    }
}
