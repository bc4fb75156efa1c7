package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;
import dev.bert4j.tokenizers.WordSegmenter;
import dev.bert4j.tokenizers.WordSegmenterProvider;

import java.util.List;
import java.util.Map;

/**
 * Juman++ for {@code BertJapaneseTokenizer}'s {@code word_tokenizer_type: "jumanpp"}: the installed {@code jumanpp}
 * ({@value JumanppRunner#ENV}, else on PATH), started once per loaded tokenizer and kept for every text. The text
 * goes to it line by line (Juman++ reads one sentence per line; rhoknp would send a text with line breaks as several
 * sentences and read only the first answer); each surface it answers is found in the text after any whitespace it
 * skipped, so words keep their place. {@code normalize_text}, {@code trim_whitespace} and lowercasing are done by
 * the caller, as transformers' {@code JumanppTokenizer} does them around rhoknp.
 */
public final class JumanppProvider implements WordSegmenterProvider {
    @Override
    public String wordTokenizerType() {
        return "jumanpp";
    }

    @Override
    public WordSegmenter open(Map<String, String> options, String source) {
        if (!options.isEmpty()) {
            throw new TokenizerException(source + ": field 'jumanpp_kwargs." + options.keySet().iterator().next()
                    + "' is not an option of transformers' JumanppTokenizer (normalize_text, trim_whitespace)");
        }
        return segmenter(new JumanppRunner(JumanppRunner.locate(System.getenv())));
    }

    /** A segmenter over {@code runner}: each line of the text analysed, its surfaces placed back into the text. */
    static WordSegmenter segmenter(JumanppRunner runner) {
        return text -> {
            List<Integer> words = new java.util.ArrayList<>();
            int lineStart = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') continue;
                if (i > lineStart && !text.substring(lineStart, i).isBlank()) {
                    place(text, lineStart, i, runner.analyze(text.substring(lineStart, i)), words);
                }
                lineStart = i + 1;
            }
            return words.stream().mapToInt(Integer::intValue).toArray();
        };
    }

    private static void place(String text, int from, int to, List<String> surfaces, List<Integer> words) {
        int at = from;
        for (String s : surfaces) {
            int start = at;
            while (start < to && !text.startsWith(s, start) && (Character.isWhitespace(text.codePointAt(start))
                    || Character.isSpaceChar(text.codePointAt(start)))) {
                start += Character.charCount(text.codePointAt(start));
            }
            if (!text.startsWith(s, start) || start + s.length() > to) {
                throw new TokenizerException("Juman++ answered the word '" + s + "' where the text has '"
                        + text.substring(start, Math.min(to, start + s.length() + 8)) + "': its words must be the"
                        + " text's own characters, in order");
            }
            words.add(start);
            words.add(start + s.length());
            at = start + s.length();
        }
    }
}
