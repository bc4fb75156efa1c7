package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The texts of corpus files, read lazily one line at a time: a plain text file gives each line, a {@code .jsonl}
 * file the {@code "text"} field of each non-blank line. Errors name the file and line. Close it to release the
 * open file when stopping early.
 */
final class CorpusTexts implements Iterator<String>, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Path> files;
    private int fileIndex = -1;
    private BufferedReader reader;
    private long lineNumber;
    private String next;
    private long texts;

    /** @throws IllegalArgumentException when a file does not exist or is not readable */
    CorpusTexts(List<Path> files) {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("--corpus " + f + ": no such file");
            if (!Files.isReadable(f)) throw new IllegalArgumentException("--corpus " + f + ": file is not readable");
        }
        this.files = List.copyOf(files);
    }

    /** Texts handed out so far. */
    long texts() {
        return texts;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (reader == null && !openNext()) return false;
            String line = readLine();
            if (line == null) {
                close();
                continue;
            }
            next = isJsonLines() ? jsonText(line) : line;
        }
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) throw new NoSuchElementException();
        String s = next;
        next = null;
        texts++;
        return s;
    }

    private boolean openNext() {
        if (fileIndex + 1 >= files.size()) return false;
        fileIndex++;
        lineNumber = 0;
        try {
            reader = Files.newBufferedReader(current(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--corpus " + current() + ": cannot open: " + e.getMessage(), e);
        }
        return true;
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) lineNumber++;
            return line;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(current() + ": is not valid UTF-8 (at or after line " + (lineNumber + 1) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(current() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The "text" of a JSON Lines line; null (skipped) for a blank line. */
    private String jsonText(String line) {
        if (line.isBlank()) return null;
        JsonNode json;
        try {
            json = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where() + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode text = json == null ? null : json.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException(where() + ": needs a string field \"text\"");
        }
        return text.asText();
    }

    private boolean isJsonLines() {
        return current().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    private Path current() {
        return files.get(fileIndex);
    }

    private String where() {
        return current() + " line " + lineNumber;
    }

    @Override
    public void close() {
        if (reader == null) return;
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(current() + ": cannot close: " + e.getMessage(), e);
        } finally {
            reader = null;
        }
    }
}
