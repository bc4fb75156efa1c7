package dev.bert4j.tokenizers;

/**
 * One entry of tokenizer.json's {@code added_tokens}: a token that is never split and is matched in the text
 * before the model runs.
 *
 * @param normalized match against the normalized text (true) or the original text (false)
 * @param lstrip     the match swallows whitespace on its left
 * @param rstrip     the match swallows whitespace on its right
 * @param singleWord only match when not glued to a word character on either side
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
                         boolean normalized, boolean special) {}
