package dev.bert4j.tokenizers;

/**
 * A tokenizer file or option is missing, malformed or inconsistent. The message names the file (or source) and,
 * where there is one, the JSON field at fault, so the user can fix it.
 */
public final class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }

    static TokenizerException field(String source, String field, String problem) {
        return new TokenizerException(source + ": field '" + field + "' " + problem);
    }
}
