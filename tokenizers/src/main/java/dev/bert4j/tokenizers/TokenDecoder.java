package dev.bert4j.tokenizers;

import java.util.List;

/** A {@code tokenizer.json} decoder: tokens back to text. Immutable. */
interface TokenDecoder {
    String decode(List<String> tokens);
}
