package dev.bert4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test texts of mixed length (a few words to past the model's 256-token limit), with punctuation, digits and
 * accented words, drawn from a fixed seed.
 */
final class Corpus {
    private static final String[] WORDS = {"alice", "met", "bob", "in", "paris", "and", "they", "walked", "along",
        "the", "river", "towards", "london", "bridge", "while", "talking", "about", "tokenization", "Zürich", "café",
        "naïve", "2024", "3.14", "embedding", "vectors", "Spark", "executors", "don't", "(quickly)", "well-known"};

    private Corpus() {
    }

    /** {@code n} texts; every {@code nullEvery}-th is null (0 for none). */
    static List<String> texts(int n, int nullEvery, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (nullEvery > 0 && i % nullEvery == nullEvery - 1) {
                out.add(null);
                continue;
            }
            int words = i % 37 == 0 ? 300 + r.nextInt(100) : 1 + r.nextInt(i % 5 == 0 ? 60 : 15);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            out.add(sb.append(r.nextBoolean() ? "." : "!").toString());
        }
        return out;
    }
}
