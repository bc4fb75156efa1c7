package dev.bert4j.io;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.io.onnx.OnnxFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code convert --onnx FILE [--tokenizer tokenizer.json] --out DIR}: an ONNX BERT export to a Hugging
 * Face model directory, written to a temporary sibling and renamed into place, so {@code DIR} is either
 * complete or absent.
 */
public final class OnnxConversion {
    private OnnxConversion() {
    }

    /** Whether {@code dir} holds a converted model ({@code config.json} and {@code model.safetensors}). */
    static boolean isConverted(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))
                && Files.isRegularFile(dir.resolve(ModelDirectory.WEIGHTS));
    }

    /**
     * @param tokenizerJson null to write no tokenizer
     * @param st            sentence-transformers extras to write, or null
     */
    public static void convert(Path onnx, Path tokenizerJson, SentenceTransformersConfig st, Path out,
                               ConversionListener listener) {
        try {
            StagingFolder.removeStale(out);             // left by a killed run into the same folder
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot convert " + onnx + " into " + out + ": " + e.getMessage(), e);
        }
        if (Files.exists(out)) {
            throw new ModelDirectoryException(out + " already exists; choose a new output folder");
        }
        write(onnx, tokenizerJson, st, out, listener);
    }

    /**
     * Converts into {@code out}; when another process puts a converted model there first, that one is kept
     * and this copy discarded (two first runs of {@code --model x.onnx} at once).
     */
    static void write(Path onnx, Path tokenizerJson, SentenceTransformersConfig st, Path out,
                      ConversionListener listener) {
        try {
            listener.progress(ConversionListener.Stage.READING, 0, Files.size(onnx));
            byte[] bytes = Files.readAllBytes(onnx);
            listener.progress(ConversionListener.Stage.READING, bytes.length, bytes.length);
            byte[] tokenizer = tokenizerJson == null ? null : Files.readAllBytes(tokenizerJson);
            try (StagingFolder tmp = StagingFolder.create(out)) {
                listener.progress(ConversionListener.Stage.IMPORTING, 0, 1);
                ImportedBert imported;
                try {
                    imported = OnnxBertImporter.importBytes(bytes);
                } catch (OnnxFormatException e) {
                    throw new OnnxFormatException(onnx + ": " + e.getMessage(), e);
                }
                listener.progress(ConversionListener.Stage.IMPORTING, 1, 1);
                listener.progress(ConversionListener.Stage.WRITING, 0, 1);
                ModelDirectoryWriter.write(tmp.path(), imported.config(), imported.weights(), tokenizer, st);
                tmp.moveIntoPlace(OnnxConversion::isConverted);
                listener.progress(ConversionListener.Stage.WRITING, 1, 1);
            }
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot convert " + onnx + " into " + out + ": " + e.getMessage(), e);
        }
        listener.progress(ConversionListener.Stage.DONE, 1, 1);
    }
}
