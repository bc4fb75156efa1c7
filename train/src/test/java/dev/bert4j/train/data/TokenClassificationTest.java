package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenClassificationTest {
    private static final int IGN = TokenFeature.IGNORE;

    @TempDir
    Path dir;

    private final Tokenizer tok = MiniLm.tokenizer();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsJsonLinesWithTagsOrNerTags() throws IOException {
        Path f = write("train.jsonl", """
                {"tokens": ["EU", "rejects"], "tags": ["B-ORG", "O"]}
                {"tokens": ["Peter"], "ner_tags": [1]}
                """);
        assertThat(TokenClassificationReader.read(f)).containsExactly(
                new TaggedSentence(1, List.of("EU", "rejects"), List.of("B-ORG", "O")),
                new TaggedSentence(2, List.of("Peter"), List.of("1")));
    }

    @Test
    void readsConllTakingTheFirstAndLastColumns() throws IOException {
        Path f = write("train.conll", """
                -DOCSTART- -X- -X- O

                EU NNP B-NP B-ORG
                rejects VBZ B-VP O


                Peter\tNNP B-NP\tB-PER
                Blackburn NNP I-NP I-PER
                """);
        List<TaggedSentence> got = TokenClassificationReader.read(f);
        assertThat(got).containsExactly(
                new TaggedSentence(3, List.of("EU", "rejects"), List.of("B-ORG", "O")),
                new TaggedSentence(7, List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER")));
        assertThat(LabelSet.fromTags(got).names()).containsExactly("B-ORG", "B-PER", "I-PER", "O");
    }

    @Test
    void lengthMismatchIsAnError() throws IOException {
        Path f = write("train.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\"]}\n{\"tokens\": [\"a\", \"b\"], \"tags\": [\"O\"]}\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.jsonl line 2: 2 tokens but 1 tags");
    }

    @Test
    void badJsonSentencesAreErrors() throws IOException {
        Path unknown = write("a.jsonl", "{\"tokens\": [\"a\"], \"labels\": [\"O\"]}\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(unknown)).hasMessageStartingWith("a.jsonl line 1: unknown field \"labels\"");
        Path missing = write("b.jsonl", "{\"tokens\": [\"a\"]}\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(missing)).hasMessage("b.jsonl line 1: \"tags\" is missing");
        Path both = write("c.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\"], \"ner_tags\": [0]}\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(both)).hasMessageContaining("give the tags once");
        Path malformed = write("d.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\"]}\n{\"tokens\": [\"a\"\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(malformed)).hasMessageStartingWith("d.jsonl line 2: malformed JSON");
    }

    @Test
    void conllLineWithoutTagAndEmptyFilesAreErrors() throws IOException {
        Path noTag = write("train.txt", "EU B-ORG\nrejects\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(noTag)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.txt line 2: \"rejects\" has no tag");
        Path empty = write("empty.conll", "-DOCSTART- -X- O\n\n\n");
        assertThatThrownBy(() -> TokenClassificationReader.read(empty)).hasMessage("empty.conll: the file holds no examples");
        Path emptyJson = write("empty.jsonl", "");
        assertThatThrownBy(() -> TokenClassificationReader.read(emptyJson)).hasMessage("empty.jsonl: the file holds no examples");
    }

    @Test
    void labelsGoOnFirstSubTokens() {
        List<String> words = List.of("EU", "rejects", "German", "call", "to", "boycott", "Mayweather", "lamb", ".");
        List<String> tags = List.of("B-ORG", "O", "B-MISC", "O", "O", "O", "B-PER", "O", "O");
        TaggedSentence s = new TaggedSentence(1, words, tags);
        LabelSet set = LabelSet.fromTags(List.of(s));
        TokenFeature f = TokenClassificationFeatures.encode(tok, List.of(s), set, 128).getFirst();
        int[] joined = tok.withoutPadding().encode(String.join(" ", words)).ids();
        assertThat(f.ids()).containsExactly(joined);
        assertThat(f.typeIds()).containsOnly(0);
        // the first sub-token of each word carries its tag; the others and the specials are ignored
        List<Integer> expected = new ArrayList<>(List.of(IGN));
        for (int w = 0; w < words.size(); w++) {
            int[] pieces = TokenClassificationFeatures.wordIds(tok.withoutPadding(), words.get(w));
            expected.add(set.id(tags.get(w), 1, null));
            for (int p = 1; p < pieces.length; p++) expected.add(IGN);
        }
        expected.add(IGN);
        assertThat(f.labels()).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        assertThat(f.length()).isGreaterThan(words.size() + 2); // Mayweather splits into several pieces
    }

    @Test
    void knownSplitIsAligned() {
        TaggedSentence s = new TaggedSentence(1, List.of("Mayweather", "fights"), List.of("B-PER", "O"));
        TokenFeature f = TokenClassificationFeatures.encode(tok, List.of(s), LabelSet.of(List.of("O", "B-PER")), 32).getFirst();
        String[] pieces = Arrays.stream(f.ids()).mapToObj(tok::idToToken).toArray(String[]::new);
        assertThat(pieces[0]).isEqualTo("[CLS]");
        assertThat(pieces[pieces.length - 1]).isEqualTo("[SEP]");
        assertThat(pieces[1]).isEqualTo("mayweather".substring(0, pieces[1].length()));
        assertThat(pieces[2]).startsWith("##");
        assertThat(f.labels()[0]).isEqualTo(IGN);
        assertThat(f.labels()[1]).isEqualTo(1);
        assertThat(f.labels()[2]).isEqualTo(IGN);
        assertThat(f.labels()[pieces.length - 2]).isZero();
        assertThat(pieces[pieces.length - 2]).isEqualTo("fights");
    }

    @Test
    void wordsWithoutTokensGetNoPositionAndLongSentencesAreCut() {
        TaggedSentence s = new TaggedSentence(1, List.of("a", "\u0007", "b", "c", "d"), List.of("X", "Y", "Z", "X", "Y"));
        LabelSet set = LabelSet.of(List.of("X", "Y", "Z"));
        TokenFeature full = TokenClassificationFeatures.encode(tok, List.of(s), set, 32).getFirst();
        assertThat(full.ids()).containsExactly(tok.withoutPadding().encode("a b c d").ids());
        assertThat(full.labels()).containsExactly(IGN, 0, 2, 0, 1, IGN);
        TokenFeature cut = TokenClassificationFeatures.encode(tok, List.of(s), set, 4).getFirst();
        assertThat(cut.labels()).containsExactly(IGN, 0, 2, IGN);
        assertThat(tok.decode(cut.ids(), false)).isEqualTo("[CLS] a b [SEP]");
    }

    @Test
    void unknownTagIsAnErrorEvenPastTheCut() {
        TaggedSentence s = new TaggedSentence(12, List.of("a", "b", "c"), List.of("O", "O", "B-LOC"));
        assertThatThrownBy(() -> TokenClassificationFeatures.encode(tok, List.of(s), LabelSet.of(List.of("O")), 3, "dev.conll"))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("dev.conll line 12: unknown label \"B-LOC\"");
    }
}
