package dev.bert4j.pipeline.fillmask;

import java.util.OptionalInt;

/**
 * What resolving fill-mask {@code targets} needs from the tokenizer (see {@link FillMaskTargets}).
 */
public interface TargetVocabulary {

    /** Exact vocabulary look-up, HF's {@code tokenizer.get_vocab().get(token)}. */
    OptionalInt tokenToId(String token);

    /** {@code tokenizer(text, add_special_tokens=False)["input_ids"]}; may be empty. */
    int[] encodeWithoutSpecialTokens(String text);

    /** {@code tokenizer.convert_ids_to_tokens(id)}, used in the replacement warning. */
    String idToToken(int id);
}
