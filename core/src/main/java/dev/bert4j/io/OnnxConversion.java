package dev.bert4j.io;

import dev.bert4j.io.onnx.ImportedBert;
import dev.bert4j.io.onnx.OnnxBertImporter;
import dev.bert4j.io.onnx.OnnxFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code convert --onnx FILE [--tokenizer tokenizer.json] --out DIR}: an ONNX BERT export to a Hugging
 * Face model directory, written to a temporary sibling and renamed into place, so {@code DIR} is either
 * complete or absent.
 */
public final class OnnxConversion {
    private OnnxConversion() {
    }

    /**
     * @param tokenizerJson null to write no tokenizer
     * @param st            sentence-transformers extras to write, or null
     */
    public static void convert(Path onnx, Path tokenizerJson, SentenceTransformersConfig st, Path out,
                               ConversionListener listener) {
        if (Files.exists(out)) {
            throw new ModelDirectoryException(out + " already exists; choose a new output folder");
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            listener.progress(ConversionListener.Stage.READING, 0, Files.size(onnx));
            byte[] bytes = Files.readAllBytes(onnx);
            listener.progress(ConversionListener.Stage.READING, bytes.length, bytes.length);
            byte[] tokenizer = tokenizerJson == null ? null : Files.readAllBytes(tokenizerJson);
            Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
            try {
                listener.progress(ConversionListener.Stage.IMPORTING, 0, 1);
                ImportedBert imported;
                try {
                    imported = OnnxBertImporter.importBytes(bytes);
                } catch (OnnxFormatException e) {
                    throw new OnnxFormatException(onnx + ": " + e.getMessage(), e);
                }
                listener.progress(ConversionListener.Stage.IMPORTING, 1, 1);
                listener.progress(ConversionListener.Stage.WRITING, 0, 1);
                ModelDirectoryWriter.write(tmp, imported.config(), imported.weights(), tokenizer, st);
                Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
                listener.progress(ConversionListener.Stage.WRITING, 1, 1);
            } finally {
                if (Files.exists(tmp)) {
                    DefaultModels.deleteTree(tmp);
                }
            }
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot convert " + onnx + " into " + out + ": " + e.getMessage(), e);
        }
        listener.progress(ConversionListener.Stage.DONE, 1, 1);
    }
}
