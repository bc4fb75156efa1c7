package dev.bert4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@link CorpusBenchmark}'s corpus (Europarl documents of mixed lengths, seed 1) as JSON Lines
 * {@code {"text": ...}}, the input both sides of {@code scripts/bench/corpus-process.sh} read.
 *
 * <p>Run: {@code CorpusFile DOCUMENTS OUT.jsonl}.
 */
public final class CorpusFile {
    private CorpusFile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CorpusFile DOCUMENTS OUT.jsonl");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String text : CorpusBenchmark.documents(Integer.parseInt(args[0]), 1)) {
                out.write(json.writeValueAsString(Map.of("text", text)));
                out.write('\n');
            }
        }
    }
}
