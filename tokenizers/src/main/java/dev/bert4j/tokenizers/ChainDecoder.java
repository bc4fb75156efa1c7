package dev.bert4j.tokenizers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tokenizer.json} decoders of SentencePiece-style tokenizers ({@code Metaspace}, or a {@code Sequence} of
 * {@code Replace}, {@code ByteFallback}, {@code Fuse}, {@code Strip} and {@code Metaspace}): each step maps the token
 * list as Hugging Face's {@code decode_chain} does, and the result is joined. Immutable.
 */
record ChainDecoder(List<Step> steps) implements TokenDecoder {
    sealed interface Step {
        List<String> apply(List<String> tokens);
    }

    @Override
    public String decode(List<String> tokens) {
        List<String> t = tokens;
        for (Step s : steps) t = s.apply(t);
        return String.join("", t);
    }

    /** Every {@code replacement} becomes a space, except in the first token when a prefix space was prepended. */
    record Metaspace(int replacement, boolean prepended) implements Step {
        public List<String> apply(List<String> tokens) {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                StringBuilder sb = new StringBuilder();
                boolean drop = i == 0 && prepended;
                tokens.get(i).codePoints().forEach(cp -> {
                    if (cp != replacement) sb.appendCodePoint(cp);
                    else if (!drop) sb.append(' ');
                });
                out.add(sb.toString());
            }
            return out;
        }
    }

    record Replace(String pattern, String content) implements Step {
        public List<String> apply(List<String> tokens) {
            return tokens.stream().map(t -> t.replace(pattern, content)).toList();
        }
    }

    /** {@code <0xXX>} tokens in a row become the text their bytes spell, or one U+FFFD per byte if not UTF-8. */
    record ByteFallback() implements Step {
        public List<String> apply(List<String> tokens) {
            List<String> out = new ArrayList<>(tokens.size());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int count = 0;
            for (String t : tokens) {
                if (t.length() == 6 && t.startsWith("<0x") && t.endsWith(">") && hex(t.substring(3, 5))) {
                    bytes.write(Integer.parseInt(t.substring(3, 5), 16));
                    count++;
                    continue;
                }
                flush(bytes, count, out);
                count = 0;
                out.add(t);
            }
            flush(bytes, count, out);
            return out;
        }

        private static boolean hex(String s) {
            return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
        }

        private static void flush(ByteArrayOutputStream bytes, int count, List<String> out) {
            if (count == 0) return;
            try {
                out.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
            } catch (CharacterCodingException e) {
                for (int k = 0; k < count; k++) out.add("\uFFFD");
            }
            bytes.reset();
        }
    }

    record Fuse() implements Step {
        public List<String> apply(List<String> tokens) {
            return List.of(String.join("", tokens));
        }
    }

    /** Up to {@code start} leading and {@code stop} trailing {@code content} characters removed from each token. */
    record Strip(int content, int start, int stop) implements Step {
        public List<String> apply(List<String> tokens) {
            List<String> out = new ArrayList<>(tokens.size());
            for (String t : tokens) {
                int[] cps = t.codePoints().toArray();
                int a = 0;
                while (a < start && a < cps.length && cps[a] == content) a++;
                int b = cps.length;
                while (cps.length - b < stop && b > a && cps[b - 1] == content) b--;
                out.add(new String(cps, a, b - a));
            }
            return out;
        }
    }
}
