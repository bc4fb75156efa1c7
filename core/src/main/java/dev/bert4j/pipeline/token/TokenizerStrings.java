package dev.bert4j.pipeline.token;

import dev.bert4j.tokenizers.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link TokenStrings} from a {@link Tokenizer}. {@code convert_tokens_to_string} goes through the
 * tokenizer's own decoder (by way of the tokens' ids); a word that is no vocabulary token (the text an
 * unknown token covers) is joined to its neighbours with a space, as the WordPiece decoder joins words.
 */
record TokenizerStrings(Tokenizer tokenizer) implements TokenStrings {

    @Override
    public String idToToken(int id) {
        return tokenizer.idToToken(id);
    }

    @Override
    public String tokensToString(List<String> tokens) {
        List<String> parts = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (String token : tokens) {
            int id = tokenizer.tokenToId(token);
            if (id >= 0) {
                run.add(id);
                continue;
            }
            flush(run, parts);
            parts.add(token);
        }
        flush(run, parts);
        return String.join(" ", parts);
    }

    private void flush(List<Integer> run, List<String> parts) {
        if (!run.isEmpty()) {
            parts.add(tokenizer.decode(run.stream().mapToInt(Integer::intValue).toArray(), false));
            run.clear();
        }
    }
}
