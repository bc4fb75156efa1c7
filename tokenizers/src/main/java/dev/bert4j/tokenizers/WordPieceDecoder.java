package dev.bert4j.tokenizers;

import java.util.List;

/**
 * Hugging Face {@code WordPiece} decoder: glues {@code prefix} pieces to the previous token, puts a space before
 * the others and, with {@code cleanup}, removes the spaces tokenization put before punctuation and contractions.
 * A null prefix means "no decoder": tokens are joined with single spaces, as the reference does.
 */
record WordPieceDecoder(String prefix, boolean cleanup) implements TokenDecoder {

    public String decode(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (prefix == null) {
                if (i > 0) sb.append(' ');
                sb.append(token);
                continue;
            }
            if (i != 0) {
                token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
            }
            sb.append(cleanup ? cleanup(token) : token);
        }
        return sb.toString();
    }

    /** Hugging Face's {@code cleanup}, replacement for replacement, in the same order. */
    static String cleanup(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't")
                .replace(" 's", "'s").replace(" 've", "'ve").replace(" 're", "'re");
    }
}
