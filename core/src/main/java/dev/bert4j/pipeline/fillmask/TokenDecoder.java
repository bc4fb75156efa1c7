package dev.bert4j.pipeline.fillmask;

/**
 * The tokenizer's {@code decode(ids, skip_special_tokens)}, including its clean-up of tokenization
 * spaces; supplied by the glue code so that post-processing needs no tokenizer of its own.
 */
@FunctionalInterface
public interface TokenDecoder {

    String decode(int[] ids, boolean skipSpecialTokens);
}
