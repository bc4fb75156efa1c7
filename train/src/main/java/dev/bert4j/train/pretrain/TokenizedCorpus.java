package dev.bert4j.train.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.data.DatasetException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A pre-training corpus as token ids, read line by line and kept compactly (one int per token plus sentence
 * and document boundaries, never the text): plain text with one sentence per line and a blank line between
 * documents, as Google's {@code create_pretraining_data.py} takes it, or JSON Lines with one document per
 * line in {@code "text"} (split into sentences at ., ! or ? followed by a space and a capital or a quote).
 */
public final class TokenizedCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+(?=[\\p{Lu}\"'(\\[])");

    private final int[] tokens;
    private final int[] sentenceStart;
    private final int[] documentStart;

    private TokenizedCorpus(int[] tokens, int[] sentenceStart, int[] documentStart) {
        this.tokens = tokens;
        this.sentenceStart = sentenceStart;
        this.documentStart = documentStart;
    }

    /** Reads and tokenizes {@code file} (without special tokens, without truncation). */
    public static TokenizedCorpus read(Path file, Tokenizer tokenizer) {
        Tokenizer tok = tokenizer.withoutTruncation().withoutPadding();
        Builder b = new Builder();
        boolean jsonl = file.getFileName().toString().endsWith(".jsonl");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (jsonl) {
                    if (!line.isBlank()) {
                        for (String s : SENTENCE_END.split(text(line, file, lineNo))) {
                            b.sentence(ids(tok, s));
                        }
                        b.endDocument();
                    }
                } else if (line.isBlank()) {
                    b.endDocument();
                } else {
                    b.sentence(ids(tok, line));
                }
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read corpus " + file + ": " + e.getMessage(), e);
        }
        b.endDocument();
        TokenizedCorpus c = b.build();
        if (c.documents() == 0) {
            throw new DatasetException(file + " holds no text to pre-train on");
        }
        return c;
    }

    private static String text(String line, Path file, int lineNo) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.isObject() || !o.path("text").isTextual()) {
                throw new DatasetException(file.getFileName() + " line " + lineNo + ": expected {\"text\": \"...\"}");
            }
            return o.get("text").asText();
        } catch (IOException e) {
            throw new DatasetException(file.getFileName() + " line " + lineNo + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static int[] ids(Tokenizer tok, String sentence) {
        Encoding e = tok.encode(sentence.strip());
        int n = 0;
        for (int m : e.specialTokensMask()) {
            n += m == 0 ? 1 : 0;
        }
        int[] out = new int[n];
        for (int i = 0, k = 0; i < e.length(); i++) {
            if (e.specialTokensMask()[i] == 0) {
                out[k++] = e.ids()[i];
            }
        }
        return out;
    }

    public int documents() {
        return documentStart.length - 1;
    }

    /** Sentences of document {@code d}. */
    public int sentences(int d) {
        return documentStart[d + 1] - documentStart[d];
    }

    /** The token ids of sentence {@code s} of document {@code d}. */
    public int[] sentence(int d, int s) {
        int k = documentStart[d] + s;
        return Arrays.copyOfRange(tokens, sentenceStart[k], sentenceStart[k + 1]);
    }

    public long tokenCount() {
        return sentenceStart[sentenceStart.length - 1];
    }

    /** How often each id occurs, for the unigram baseline. */
    public long[] counts(int vocabSize) {
        long[] c = new long[vocabSize];
        for (int i = 0; i < tokenCount(); i++) {
            c[tokens[i]]++;
        }
        return c;
    }

    /** Grows the arrays as lines come in; a document ends at a blank line (empty documents are dropped). */
    private static final class Builder {
        private int[] tokens = new int[1 << 16];
        private int[] sentenceStart = new int[1 << 12];
        private int[] documentStart = new int[1 << 10];
        private int nTokens;
        private int nSentences;
        private int nDocuments;

        Builder() {
            sentenceStart[0] = 0;
            documentStart[0] = 0;
        }

        void sentence(int[] ids) {
            if (ids.length == 0) {
                return;
            }
            while (nTokens + ids.length > tokens.length) {
                tokens = Arrays.copyOf(tokens, tokens.length * 2);
            }
            System.arraycopy(ids, 0, tokens, nTokens, ids.length);
            nTokens += ids.length;
            nSentences++;
            if (nSentences + 1 > sentenceStart.length) {
                sentenceStart = Arrays.copyOf(sentenceStart, sentenceStart.length * 2);
            }
            sentenceStart[nSentences] = nTokens;
        }

        void endDocument() {
            if (nSentences == documentStart[nDocuments]) {
                return;
            }
            nDocuments++;
            if (nDocuments + 1 > documentStart.length) {
                documentStart = Arrays.copyOf(documentStart, documentStart.length * 2);
            }
            documentStart[nDocuments] = nSentences;
        }

        TokenizedCorpus build() {
            return new TokenizedCorpus(Arrays.copyOf(tokens, nTokens), Arrays.copyOf(sentenceStart, nSentences + 1),
                    Arrays.copyOf(documentStart, nDocuments + 1));
        }
    }
}
