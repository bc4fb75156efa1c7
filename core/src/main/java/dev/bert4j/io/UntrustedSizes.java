package dev.bert4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one budget for sizes that come from files in the core module: a model directory may come from
 * anyone (a Hub repository, a mirror, a colleague's share), so every size a file states is checked here,
 * with overflow-safe arithmetic, before anything is allocated from it. Each limit says why it is what it is.
 */
public final class UntrustedSizes {
    /**
     * JSON side files ({@code config.json}, {@code modules.json}, {@code sentence_bert_config.json},
     * {@code 1_Pooling/config.json}, {@code model.safetensors.index.json}...). Real ones are a few KiB (an
     * index of a large sharded model about 100 KiB, an {@code id2label} of 100k classes a few MiB); 16 MiB
     * leaves a wide margin while a link to {@code /dev/zero} or a wrong file fails at once.
     */
    public static final int MAX_JSON_SIDE_FILE_BYTES = 16 << 20;

    /** The JSON header of a {@code .safetensors} file: 100 MiB, the limit of the reference Rust crate. */
    public static final long MAX_SAFETENSORS_HEADER_BYTES = 100L << 20;

    /**
     * Elements of one tensor: bert4j holds a tensor in one Java {@code float[]}, whose length the VM caps a
     * little below {@link Integer#MAX_VALUE}. A BERT's largest weight (the word embeddings) is far smaller.
     */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE - 8;

    private UntrustedSizes() {
    }

    /**
     * The bytes of a JSON side file, read with at most {@link #MAX_JSON_SIDE_FILE_BYTES} in memory whatever
     * the file claims (a device or a pipe has no size), else an {@link IOException} saying so.
     */
    public static byte[] readJsonSideFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_JSON_SIDE_FILE_BYTES);
            if (in.read() != -1) {
                throw new IOException("larger than " + (MAX_JSON_SIDE_FILE_BYTES >> 20) + " MiB, far more than a "
                        + "JSON side file holds; is it the right file (not a link to a device or a weights file)?");
            }
            return bytes;
        }
    }
}
