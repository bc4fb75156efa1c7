package dev.bert4j.train.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextClassificationReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsJsonLinesWithStringIntegerAndListLabels() throws IOException {
        Path f = write("train.jsonl", """
                {"text": "good film", "label": "pos"}

                {"text": "a", "text_pair": "b", "label": 1}
                {"text": "tags", "label": ["x", 2]}
                """);
        List<LabeledText> got = TextClassificationReader.read(f);
        assertThat(got).containsExactly(
                LabeledText.single(1, "good film", null, "pos"),
                LabeledText.single(3, "a", "b", "1"),
                new LabeledText(4, "tags", null, List.of("x", "2"), true));
        assertThat(LabeledText.isMultiLabel(got)).isTrue();
        assertThat(LabeledText.isMultiLabel(got.subList(0, 2))).isFalse();
    }

    @Test
    void aJsonFileIsJsonLinesToo() throws IOException {
        Path f = write("dev.json", "{\"text\": \"x\", \"label\": 0}\r\n{\"text\": \"y\", \"label\": 1}");
        assertThat(TextClassificationReader.read(f)).extracting(LabeledText::line, LabeledText::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "0"), org.assertj.core.groups.Tuple.tuple(2, "1"));
    }

    @Test
    void readsCsvWithRfc4180Quoting() throws IOException {
        Path f = write("train.csv", "label,text,text_pair\r\n"
                + "pos,\"hello, world\",\"she said \"\"hi\"\"\"\r\n"
                + "\n"
                + "neg,\"two\nlines\",plain\n"
                + "1,,\"\"\n");
        assertThat(TextClassificationReader.read(f)).containsExactly(
                LabeledText.single(2, "hello, world", "she said \"hi\"", "pos"),
                LabeledText.single(4, "two\nlines", "plain", "neg"),
                LabeledText.single(6, "", "", "1"));
    }

    @Test
    void csvMayEndWithoutALineBreakAndSkipsBlankLines() throws IOException {
        Path f = write("train.csv", "\uFEFFtext,label\n  \na,\"x\"");
        assertThat(TextClassificationReader.read(f)).containsExactly(LabeledText.single(3, "a", null, "x"));
        Path g = write("dev.csv", "text,label\r\nb,y");
        assertThat(TextClassificationReader.read(g)).containsExactly(LabeledText.single(2, "b", null, "y"));
    }

    @Test
    void readsTsvWithoutQuoting() throws IOException {
        Path f = write("train.tsv", "text\tlabel\n\"quoted\" stays\tA\nsecond\tB\n");
        assertThat(TextClassificationReader.read(f)).containsExactly(
                LabeledText.single(2, "\"quoted\" stays", null, "A"),
                LabeledText.single(3, "second", null, "B"));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = write("train.jsonl", "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": 1\n");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.jsonl line 2: malformed JSON");
    }

    @Test
    void aPrettyPrintedJsonFileIsRejected() throws IOException {
        Path f = write("train.json", "[\n{\"text\": \"a\", \"label\": 0}\n]\n");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.json line 1: ");
    }

    @Test
    void unknownFieldIsAnError() throws IOException {
        Path f = write("train.jsonl", "{\"text\": \"a\", \"lable\": 0}\n");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train.jsonl line 1: unknown field \"lable\"");
    }

    @Test
    void missingLabelIsAnError() throws IOException {
        Path f = write("train.jsonl", "{\"text\": \"a\", \"label\": 0}\n\n\n{\"text\": \"b\"}\n");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessage("train.jsonl line 4: \"label\" is missing");
        Path csv = write("train.csv", "text,label\na,\n");
        assertThatThrownBy(() -> TextClassificationReader.read(csv)).isInstanceOf(DatasetException.class)
                .hasMessage("train.csv line 2: \"label\" is missing");
    }

    @Test
    void badLabelTypesAreErrors() throws IOException {
        for (String label : List.of("1.5", "-1", "true", "{\"a\": 1}", "[[1]]")) {
            Path f = write("train.jsonl", "{\"text\": \"a\", \"label\": " + label + "}\n");
            assertThatThrownBy(() -> TextClassificationReader.read(f)).as(label).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("train.jsonl line 1: \"label\"");
        }
        Path f = write("train.jsonl", "{\"text\": 3, \"label\": 1}\n");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).hasMessageContaining("\"text\" must be a string");
    }

    @Test
    void emptyFilesAreErrors() throws IOException {
        for (String name : List.of("a.jsonl", "b.csv", "c.tsv")) {
            Path f = write(name, "\n  \n");
            assertThatThrownBy(() -> TextClassificationReader.read(f)).as(name).isInstanceOf(DatasetException.class)
                    .hasMessage(name + ": the file holds no examples");
        }
        Path headerOnly = write("d.csv", "text,label\n");
        assertThatThrownBy(() -> TextClassificationReader.read(headerOnly)).hasMessage("d.csv: the file holds no examples");
    }

    @Test
    void badCsvQuotingNamesTheLine() throws IOException {
        Path bare = write("a.csv", "text,label\nok,1\nsay \"hi\",1\n");
        assertThatThrownBy(() -> TextClassificationReader.read(bare)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("a.csv line 3: a double quote inside an unquoted CSV field");
        Path after = write("b.csv", "text,label\n\"hi\" there,1\n");
        assertThatThrownBy(() -> TextClassificationReader.read(after))
                .hasMessageStartingWith("b.csv line 2: text after the closing quote");
        Path open = write("c.csv", "text,label\nok,1\n\"never closed,1\nmore,2\n");
        assertThatThrownBy(() -> TextClassificationReader.read(open))
                .hasMessage("c.csv line 3: a quoted CSV field is never closed");
    }

    @Test
    void csvRowsMustMatchTheHeader() throws IOException {
        Path extra = write("a.csv", "text,label\nhello,pos,extra\n");
        assertThatThrownBy(() -> TextClassificationReader.read(extra))
                .hasMessageStartingWith("a.csv line 2: has 3 fields but the header has 2");
        Path tsv = write("a.tsv", "text\tlabel\nno tab here\n");
        assertThatThrownBy(() -> TextClassificationReader.read(tsv))
                .hasMessageStartingWith("a.tsv line 2: has 1 fields but the header has 2");
        Path noLabel = write("b.csv", "text,text_pair\na,b\n");
        assertThatThrownBy(() -> TextClassificationReader.read(noLabel))
                .hasMessageStartingWith("b.csv line 1: the header has no \"label\" column");
        Path unknown = write("c.csv", "sentence,label\na,1\n");
        assertThatThrownBy(() -> TextClassificationReader.read(unknown))
                .hasMessageStartingWith("c.csv line 1: unknown column \"sentence\"");
    }

    @Test
    void unknownExtensionAndMissingFileAreErrors() throws IOException {
        Path f = write("train.parquet", "x");
        assertThatThrownBy(() -> TextClassificationReader.read(f)).hasMessageStartingWith("train.parquet: unknown format");
        assertThatThrownBy(() -> TextClassificationReader.read(dir.resolve("nope.jsonl")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
    }

    @Test
    void invalidUtf8IsAnError() throws IOException {
        Path f = Files.write(dir.resolve("x.jsonl"), new byte[] {'{', '"', (byte) 0xC3, '"', '}'});
        assertThatThrownBy(() -> TextClassificationReader.read(f)).hasMessageStartingWith("x.jsonl: not valid UTF-8");
    }
}
