package dev.bert4j.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A tiny WordPiece vocabulary for tests, decoding as BERT's tokenizer does: tokens joined by spaces,
 * {@code ##} pieces glued to the previous token, special tokens dropped when asked.
 */
public final class ToyWordPiece {

    private final List<String> tokens;
    private final Set<String> special = Set.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    public ToyWordPiece(String... tokens) {
        this.tokens = List.of(tokens);
    }

    public int id(String token) {
        int id = tokens.indexOf(token);
        if (id < 0) {
            throw new IllegalArgumentException("not in the toy vocabulary: " + token);
        }
        return id;
    }

    public int[] ids(String... pieces) {
        int[] ids = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            ids[i] = id(pieces[i]);
        }
        return ids;
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public OptionalInt lookup(String token) {
        int id = tokens.indexOf(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> kept = new ArrayList<>();
        for (int id : ids) {
            if (!(skipSpecialTokens && special.contains(tokens.get(id)))) {
                kept.add(tokens.get(id));
            }
        }
        return tokensToString(kept);
    }

    /** BERT's {@code convert_tokens_to_string}: join with spaces, then glue {@code ##} pieces. */
    public static String tokensToString(List<String> pieces) {
        return String.join(" ", pieces).replace(" ##", "").strip();
    }
}
