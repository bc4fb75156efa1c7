package dev.bert4j.tokenizers;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code bert-chars.txt}, the per-code-point table behind {@link BertCharTable}, by asking the
 * reference (Hugging Face tokenizers through DJL) how its {@code BertNormalizer} and {@code BertPreTokenizer}
 * treat every code point. Each code point {@code c} is encoded as the word {@code "q" + c + "q"} with a
 * WordPiece vocabulary holding every single character (and its {@code ##} form) of planes 0-3 and 14, under
 * one normalizer option at a time; the token shape tells what happened to {@code c}:
 * <ul>
 *   <li>{@code [q, ##q]}: removed (or mapped to nothing);</li>
 *   <li>{@code [q, q]}: whitespace;</li>
 *   <li>{@code [q, X, q]}: isolated by the pre-tokenizer (punctuation, or a CJK ideograph padded with spaces);</li>
 *   <li>{@code [q, ##x1 .. ##xn, ##q]}: kept inside the word, normalized to {@code x1..xn};</li>
 *   <li>{@code [UNK]}: kept inside the word as a character outside the vocabulary (planes 4-13, 15, 16).</li>
 * </ul>
 * Run: {@code java -cp <test classpath> dev.bert4j.tokenizers.CharTableGenerator tokenizers/src/main/resources/dev/bert4j/tokenizers/bert-chars.txt}.
 */
public final class CharTableGenerator {
    private static final int BATCH = 4096;

    private CharTableGenerator() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bert-chars.txt");
        List<String> lines = generate();
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println("wrote " + lines.size() + " lines to " + out);
    }

    /** Sweeps every code point through the reference and returns the lines of the table. */
    static List<String> generate() throws IOException {
        Path tmp = Files.createTempDirectory("bert-chars");
        ObjectMapper om = new ObjectMapper();
        ObjectNode base;
        try (InputStream in = CharTableGenerator.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            base = (ObjectNode) om.readTree(in);
        }
        ObjectNode vocab = om.createObjectNode();
        vocab.put("[UNK]", 0);
        int id = 1;
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            int plane = cp >> 16;
            if ((plane > 3 && plane != 14) || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
            String s = Character.toString(cp);
            vocab.put(s, id++);
            vocab.put("##" + s, id++);
        }
        ((ObjectNode) base.get("model")).set("vocab", vocab);
        ArrayNode added = om.createArrayNode();
        added.add(om.createObjectNode().put("id", 0).put("content", "[UNK]").put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true));
        base.set("added_tokens", added);
        base.putNull("truncation");
        base.putNull("padding");
        base.putNull("post_processor");

        // A: clean_text only; E: nothing (pure pre-tokenizer); B: strip accents only; C: lowercase only; D: chinese only
        String[] a = sweep(om, base, tmp, "A", true, false, false, false);
        String[] e = sweep(om, base, tmp, "E", false, false, false, false);
        String[] b = sweep(om, base, tmp, "B", false, false, true, false);
        String[] c = sweep(om, base, tmp, "C", false, false, false, true);
        String[] d = sweep(om, base, tmp, "D", false, true, false, false);

        List<String> lines = new ArrayList<>();
        lines.add("# Per-code-point behaviour of Hugging Face tokenizers' BertNormalizer and BertPreTokenizer,");
        lines.add("# measured through DJL ai.djl.huggingface:tokenizers 0.35.0 by CharTableGenerator (test sources).");
        lines.add("# F start end flags : flags for a range of code points (hex); R removed by clean_text, N made a space by");
        lines.add("#   clean_text, W whitespace to the pre-tokenizer, P punctuation (isolated by the pre-tokenizer),");
        lines.add("#   C CJK ideograph (padded with spaces by handle_chinese_chars)");
        lines.add("# S cp seq : strip_accents (NFD then drop non-spacing marks) maps cp to seq (hex code points, '-' = nothing)");
        lines.add("# L cp seq : lowercase maps cp to seq");
        int rangeStart = 0;
        String prev = null;
        for (int cp = 0; cp <= 0x110000; cp++) {
            String flags = cp <= 0x10FFFF ? flags(cp, a, e, d) : "#end";
            if (!flags.equals(prev)) {
                if (prev != null && !prev.isEmpty()) {
                    lines.add("F " + hex(rangeStart) + " " + hex(cp - 1) + " " + prev);
                }
                prev = flags;
                rangeStart = cp;
            }
        }
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            String s = mapped(b[cp], cp, "B");
            if (s != null) lines.add("S " + hex(cp) + " " + seq(s));
        }
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            String s = mapped(c[cp], cp, "C");
            if (s != null) lines.add("L " + hex(cp) + " " + seq(s));
        }
        try (var files = Files.list(tmp)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(tmp);
        return lines;
    }

    private static String flags(int cp, String[] a, String[] e, String[] d) {
        if (cp >= 0xD800 && cp <= 0xDFFF) return "";
        StringBuilder f = new StringBuilder();
        if (a[cp].equals("R")) f.append('R');
        if (a[cp].equals("W")) f.append('N');
        if (e[cp].equals("W")) f.append('W');
        if (e[cp].startsWith("I")) f.append('P');
        if (d[cp].startsWith("I") && !e[cp].startsWith("I")) f.append('C');
        return f.toString();
    }

    /** Returns the mapping of cp when it differs from cp itself, or null. */
    private static String mapped(String r, int cp, String what) {
        if (r == null) return null;
        String self = Character.toString(cp);
        return switch (r.charAt(0)) {
            case 'R' -> "";
            case 'K' -> r.substring(1).equals(self) ? null : r.substring(1);
            case 'I' -> r.substring(1).equals(self) ? null : r.substring(1);
            case 'U', 'W' -> null;
            default -> throw new IllegalStateException(what + " " + hex(cp) + " " + r);
        };
    }

    private static String seq(String s) {
        if (s.isEmpty()) return "-";
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(x -> sb.append(sb.isEmpty() ? "" : ",").append(hex(x)));
        return sb.toString();
    }

    private static String hex(int cp) {
        return Integer.toHexString(cp).toUpperCase();
    }

    /** Classifies every code point: "R" removed, "W" split as whitespace, "I"+x isolated, "K"+x kept in word, "U" unknown. */
    private static String[] sweep(ObjectMapper om, ObjectNode base, Path tmp, String name,
                                  boolean clean, boolean chinese, boolean strip, boolean lower) throws IOException {
        ObjectNode json = base.deepCopy();
        ObjectNode norm = om.createObjectNode();
        norm.put("type", "BertNormalizer").put("clean_text", clean).put("handle_chinese_chars", chinese)
                .put("strip_accents", strip).put("lowercase", lower);
        json.set("normalizer", norm);
        Path file = tmp.resolve(name + ".json");
        try (Writer w = Files.newBufferedWriter(file)) {
            om.writeValue(w, json);
        }
        String[] result = new String[0x110000];
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "padding", "false", "truncation", "false"))) {
            List<String> batch = new ArrayList<>();
            List<Integer> cps = new ArrayList<>();
            for (int cp = 0; cp <= 0x10FFFF; cp++) {
                if (cp >= 0xD800 && cp <= 0xDFFF) continue;
                batch.add("q" + Character.toString(cp) + "q");
                cps.add(cp);
                if (batch.size() == BATCH || cp == 0x10FFFF) {
                    Encoding[] encs = tok.batchEncode(batch, false, false);
                    for (int i = 0; i < encs.length; i++) {
                        result[cps.get(i)] = classify(encs[i].getTokens(), cps.get(i));
                    }
                    batch.clear();
                    cps.clear();
                }
            }
        }
        
        return result;
    }

    private static String classify(String[] t, int cp) {
        int n = t.length;
        if (n == 1 && t[0].equals("[UNK]")) return "U";
        if (n < 2 || !t[0].equals("q")) throw new IllegalStateException("unexpected " + List.of(t) + " for " + hex(cp));
        if (n == 2 && t[1].equals("##q")) return "R";
        if (n == 2 && t[1].equals("q")) return "W";
        StringBuilder mid = new StringBuilder();
        boolean isolated = false;
        for (int i = 1; i < n - 1; i++) {
            if (t[i].startsWith("##")) {
                mid.append(t[i], 2, t[i].length());
            } else {
                mid.append(t[i]);
                isolated = true;
            }
        }
        boolean lastIsWord = t[n - 1].equals("q");
        if (!lastIsWord && !t[n - 1].equals("##q")) throw new IllegalStateException("unexpected " + List.of(t) + " for " + hex(cp));
        return (isolated || lastIsWord ? "I" : "K") + mid;
    }
}
