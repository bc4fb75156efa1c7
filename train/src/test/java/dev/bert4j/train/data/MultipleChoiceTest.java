package dev.bert4j.train.data;

import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipleChoiceTest {
    @TempDir
    Path dir;

    private final Tokenizer tok = MiniLm.tokenizer();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsSharedTextUnderAnyOfItsNames() throws IOException {
        Path f = write("train.jsonl", """
                {"text": "She opened the door", "choices": ["and walked in.", "and ate it."], "label": 0}
                {"question": "2 + 2?", "choices": ["3", "4"], "label": 1}

                {"context": "Sky", "choices": ["blue", "green"], "label": 0}
                {"choices": ["yes", "no"], "label": 1}
                """);
        assertThat(MultipleChoiceReader.read(f)).containsExactly(
                new ChoiceExample(1, "She opened the door", List.of("and walked in.", "and ate it."), 0),
                new ChoiceExample(2, "2 + 2?", List.of("3", "4"), 1),
                new ChoiceExample(4, "Sky", List.of("blue", "green"), 0),
                new ChoiceExample(5, null, List.of("yes", "no"), 1));
    }

    @Test
    void differentNumbersOfChoicesAreAnError() throws IOException {
        Path f = write("train.jsonl", "{\"choices\": [\"a\", \"b\"], \"label\": 0}\n{\"choices\": [\"a\", \"b\", \"c\"], \"label\": 0}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.jsonl line 2: 3 choices, but line 1 has 2");
    }

    @Test
    void badExamplesAreErrors() throws IOException {
        Path missing = write("a.jsonl", "{\"choices\": [\"a\", \"b\"]}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(missing)).hasMessage("a.jsonl line 1: \"label\" is missing");
        Path range = write("b.jsonl", "{\"choices\": [\"a\", \"b\"], \"label\": 2}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(range)).hasMessageStartingWith("b.jsonl line 1: \"label\" 2 is not a choice index");
        Path one = write("c.jsonl", "{\"choices\": [\"a\"], \"label\": 0}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(one)).hasMessageStartingWith("c.jsonl line 1: \"choices\" has 1 entries");
        Path twice = write("d.jsonl", "{\"text\": \"x\", \"question\": \"y\", \"choices\": [\"a\", \"b\"], \"label\": 0}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(twice)).hasMessageContaining("give the shared text once");
        Path unknown = write("e.jsonl", "{\"choices\": [\"a\", \"b\"], \"label\": 0, \"answer\": 1}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(unknown)).hasMessageStartingWith("e.jsonl line 1: unknown field \"answer\"");
        Path malformed = write("f.jsonl", "{\"choices\": [\"a\", \"b\"], \"label\": 0}}\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(malformed)).hasMessageStartingWith("f.jsonl line 1: malformed JSON");
        Path empty = write("g.jsonl", "\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(empty)).hasMessage("g.jsonl: the file holds no examples");
        Path csv = write("h.csv", "a,b\n");
        assertThatThrownBy(() -> MultipleChoiceReader.read(csv)).hasMessageStartingWith("h.csv: unknown format");
    }

    @Test
    void encodesEachChoiceWithTheSharedText() {
        List<ChoiceExample> examples = List.of(
                new ChoiceExample(1, "She opened the door", List.of("and walked in.", "and ate a very long sandwich slowly"), 1),
                new ChoiceExample(2, null, List.of("yes", "no"), 0));
        List<ChoiceFeature> got = MultipleChoiceFeatures.encode(tok, examples, 11);
        ChoiceFeature f = got.getFirst();
        assertThat(f.numChoices()).isEqualTo(2);
        assertThat(f.label()).isEqualTo(1);
        assertThat(tok.decode(f.ids()[0], false)).isEqualTo("[CLS] she opened the door [SEP] and walked in. [SEP]");
        assertThat(f.ids()[1]).hasSize(11);
        assertThat(tok.decode(f.ids()[1], false)).isEqualTo("[CLS] she opened the door [SEP] and ate a very [SEP]");
        assertThat(f.typeIds()[0]).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertThat(tok.decode(got.get(1).ids()[1], false)).isEqualTo("[CLS] no [SEP]");
        assertThat(got.get(1).typeIds()[1]).containsOnly(0);
    }
}
