package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes multiple choice questions as Hugging Face's {@code run_swag.py}: each choice is paired with the shared
 * text ({@code tokenizer(context, choice, truncation=True, max_length=maxLength)}, longest-first, no padding); an
 * example without shared text encodes each choice alone.
 */
public final class MultipleChoiceFeatures {
    private MultipleChoiceFeatures() {}

    public static List<ChoiceFeature> encode(Tokenizer tok, List<ChoiceExample> examples, int maxLength) {
        Tokenizer t = TextClassificationFeatures.truncating(tok, maxLength);
        List<ChoiceFeature> out = new ArrayList<>(examples.size());
        for (ChoiceExample e : examples) {
            int n = e.choices().size();
            int[][] ids = new int[n][];
            int[][] typeIds = new int[n][];
            for (int c = 0; c < n; c++) {
                String choice = e.choices().get(c);
                Encoding enc = e.context() == null ? t.encode(choice) : t.encode(e.context(), choice);
                ids[c] = enc.ids();
                typeIds[c] = enc.typeIds();
            }
            out.add(new ChoiceFeature(ids, typeIds, e.label()));
        }
        return out;
    }
}
