package dev.bert4j.train.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Reading dataset files: strict UTF-8, a leading byte order mark dropped, errors naming the file. */
final class DataFiles {
    private DataFiles() {}

    /** The whole file as text. */
    static String read(Path path) {
        Objects.requireNonNull(path, "dataset path must not be null");
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + path + " does not exist");
        } catch (CharacterCodingException e) {
            throw new DatasetException(name(path) + ": not valid UTF-8 text; save the file as UTF-8", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file name used in messages ({@code train.jsonl}). */
    static String name(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** The lower-case extension without the dot, or "" when there is none. */
    static String extension(Path path) {
        String name = name(path);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Lines split on LF, CRLF or CR (as {@link String#lines()}); index i is line i + 1. */
    static String[] lines(String text) {
        return text.lines().toArray(String[]::new);
    }

    static DatasetException empty(String file) {
        return new DatasetException(file + ": the file holds no examples");
    }
}
