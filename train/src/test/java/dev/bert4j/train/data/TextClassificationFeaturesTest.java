package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextClassificationFeaturesTest {
    private final Tokenizer tok = MiniLm.tokenizer();

    @Test
    void encodesSinglesAndPairsWithoutPaddingAndMapsLabels() {
        List<LabeledText> examples = List.of(LabeledText.single(1, "a good film", null, "pos"),
                LabeledText.single(2, "is it", "yes it is", "neg"));
        LabelSet labels = LabelSet.fromExamples(examples);
        List<SequenceFeature> got = TextClassificationFeatures.encode(tok, examples, labels, 64);
        Encoding single = tok.withoutPadding().encode("a good film");
        assertThat(got.get(0)).isEqualTo(new SequenceFeature(single.ids(), single.typeIds(), 1, null));
        assertThat(tok.decode(got.get(0).ids(), false)).isEqualTo("[CLS] a good film [SEP]");
        assertThat(got.get(1).label()).isZero();
        assertThat(tok.decode(got.get(1).ids(), false)).isEqualTo("[CLS] is it [SEP] yes it is [SEP]");
        assertThat(got.get(1).typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void truncatesLongestFirstToMaxLength() {
        List<LabeledText> examples = List.of(LabeledText.single(1, "one two", "three four five six seven", "x"));
        SequenceFeature f = TextClassificationFeatures.encode(tok, examples, LabelSet.of(List.of("x")), 7).getFirst();
        assertThat(f.length()).isEqualTo(7);
        assertThat(tok.decode(f.ids(), false)).isEqualTo("[CLS] one two [SEP] three four [SEP]");
    }

    @Test
    void multiLabelExamplesGetMultiHotVectors() {
        List<LabeledText> examples = List.of(new LabeledText(1, "a", null, List.of("sports", "news"), true),
                LabeledText.single(2, "b", null, "weather"), new LabeledText(3, "c", null, List.of(), true));
        LabelSet labels = LabelSet.fromExamples(examples);
        assertThat(labels.names()).containsExactly("news", "sports", "weather");
        List<SequenceFeature> got = TextClassificationFeatures.encode(tok, examples, labels, 16);
        assertThat(got).extracting(SequenceFeature::label).containsOnly(-1);
        assertThat(got.get(0).multiHot()).containsExactly(1f, 1f, 0f);
        assertThat(got.get(1).multiHot()).containsExactly(0f, 0f, 1f);
        assertThat(got.get(2).multiHot()).containsExactly(0f, 0f, 0f);
    }

    @Test
    void unknownLabelNamesFileAndLine() {
        LabelSet train = LabelSet.fromExamples(List.of(LabeledText.single(1, "a", null, "pos")));
        List<LabeledText> eval = List.of(LabeledText.single(1, "a", null, "pos"), LabeledText.single(8, "b", null, "neg"));
        assertThatThrownBy(() -> TextClassificationFeatures.encode(tok, eval, train, 16, "dev.jsonl", false))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("dev.jsonl line 8: unknown label \"neg\"");
    }

    @Test
    void aListLabelInASingleLabelTaskIsAnError() {
        List<LabeledText> eval = List.of(new LabeledText(4, "a", null, List.of("pos"), true));
        LabelSet labels = LabelSet.of(List.of("neg", "pos"));
        assertThatThrownBy(() -> TextClassificationFeatures.encode(tok, eval, labels, 16, "dev.jsonl", false))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("dev.jsonl line 4: a list of labels");
    }
}
