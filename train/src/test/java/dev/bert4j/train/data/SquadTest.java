package dev.bert4j.train.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SquadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Tokenizer tok = MiniLm.tokenizer();

    private static Map<String, Object> qa(String id, String question, Object answers, Boolean impossible) {
        return impossible == null ? Map.of("id", id, "question", question, "answers", answers)
                : Map.of("id", id, "question", question, "answers", answers, "is_impossible", impossible);
    }

    private static Map<String, Object> answer(String text, int start) {
        return Map.of("text", text, "answer_start", start);
    }

    private Path squad(String name, String context, List<Map<String, Object>> qas) throws IOException {
        Map<String, Object> root = Map.of("version", "v2.0", "data", List.of(Map.of("title", "Castles",
                "paragraphs", List.of(Map.of("context", context, "qas", qas)))));
        return Files.writeString(dir.resolve(name), JSON.writeValueAsString(root));
    }

    @Test
    void readsV1AndV2Questions() throws IOException {
        String context = "The castle is blue. It stands on a hill.";
        Path f = squad("train.json", context, List.of(
                qa("q1", "What colour is the castle?", List.of(answer("blue", 14), answer("blue", 14)), null),
                qa("q2", "Who built it?", List.of(), true)));
        List<SquadExample> got = SquadReader.read(f);
        assertThat(got).containsExactly(
                new SquadExample("q1", "Castles", "What colour is the castle?", context,
                        List.of(new SquadAnswer("blue", 14), new SquadAnswer("blue", 14)), false),
                new SquadExample("q2", "Castles", "Who built it?", context, List.of(), true));
    }

    @Test
    void answerStartCountsCodePoints() throws IOException {
        String context = "\uD83D\uDE00 ab cd";
        SquadExample e = SquadReader.read(squad("t.json", context, List.of(qa("q", "?", List.of(answer("cd", 5)), null))))
                .getFirst();
        assertThat(e.answers().getFirst().answerStart()).isEqualTo(6);
        assertThat(context.substring(6, e.answers().getFirst().answerEnd())).isEqualTo("cd");
    }

    @Test
    void mismatchedAnswerOffsetNamesTheQuestion() throws IOException {
        Path f = squad("train.json", "The castle is blue.", List.of(qa("5733be28", "?", List.of(answer("blue", 13)), null)));
        assertThatThrownBy(() -> SquadReader.read(f)).isInstanceOf(DatasetException.class)
                .hasMessage("train.json: question 5733be28 answer \"blue\" is not at answer_start 13 of the context,"
                        + " which reads \" blu\" there");
        Path outside = squad("b.json", "short", List.of(qa("q9", "?", List.of(answer("x", 99)), null)));
        assertThatThrownBy(() -> SquadReader.read(outside)).hasMessageStartingWith("b.json: question q9 answer_start 99 is outside");
    }

    @Test
    void structuralErrorsAreReported() throws IOException {
        Path noAnswers = squad("a.json", "ctx", List.of(qa("q1", "?", List.of(), false)));
        assertThatThrownBy(() -> SquadReader.read(noAnswers)).hasMessage("a.json: question q1 has no answers and is not marked is_impossible");
        Path impossibleWithAnswer = squad("b.json", "ctx", List.of(qa("q1", "?", List.of(answer("ctx", 0)), true)));
        assertThatThrownBy(() -> SquadReader.read(impossibleWithAnswer)).hasMessageContaining("is_impossible is true but it has answers");
        Path dup = squad("c.json", "ctx", List.of(qa("q1", "?", List.of(answer("ctx", 0)), null),
                qa("q1", "?", List.of(answer("ctx", 0)), null)));
        assertThatThrownBy(() -> SquadReader.read(dup)).hasMessageContaining("question q1 appears twice");
        Path malformed = Files.writeString(dir.resolve("d.json"), "{\"data\": [\n{\"paragraphs\": }]}");
        assertThatThrownBy(() -> SquadReader.read(malformed)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("d.json line 2: malformed JSON");
        Path notSquad = Files.writeString(dir.resolve("e.json"), "{\"text\": \"a\"}");
        assertThatThrownBy(() -> SquadReader.read(notSquad)).hasMessageStartingWith("e.json: the file has no \"data\" list");
        Path empty = Files.writeString(dir.resolve("f.json"), "{\"data\": []}");
        assertThatThrownBy(() -> SquadReader.read(empty)).hasMessage("f.json: the file holds no examples");
    }

    @Test
    void shortContextGivesOneWindowWithTheAnswerSpan() {
        String context = "The castle is blue. It stands on a hill.";
        SquadExample e = new SquadExample("q1", "", "  What colour is the castle?", context,
                List.of(new SquadAnswer("blue", 14)), false);
        List<QaFeature> got = QaFeatures.encode(tok, List.of(e), 384, 128);
        assertThat(got).hasSize(1);
        QaFeature f = got.getFirst();
        assertThat(tok.decode(f.ids(), false)).isEqualTo(
                "[CLS] what colour is the castle? [SEP] the castle is blue. it stands on a hill. [SEP]");
        assertThat(tok.idToToken(f.ids()[f.startPosition()])).isEqualTo("blue");
        assertThat(f.endPosition()).isEqualTo(f.startPosition());
        assertThat(f.exampleId()).isEqualTo("q1");
    }

    @Test
    void longContextGivesOverlappingWindowsAndSpansDecodeToTheAnswer() {
        StringBuilder sb = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "river", "stone", "green", "house"};
        for (int i = 0; i < 120; i++) sb.append(words[i % words.length]).append(i % 10 == 9 ? ". " : " ");
        int answerStart = sb.length();
        sb.append("the old blue castle");
        for (int i = 0; i < 120; i++) sb.append(' ').append(words[(i * 3) % words.length]);
        String context = sb.toString();
        String answer = "old blue castle";
        SquadExample e = new SquadExample("long", "", "Which castle?", context,
                List.of(new SquadAnswer(answer, answerStart + 4)), false);
        List<QaFeature> got = QaFeatures.encode(tok, List.of(e), 64, 24);
        assertThat(got.size()).isGreaterThan(4);
        int withAnswer = 0;
        for (QaFeature f : got) {
            assertThat(f.length()).isLessThanOrEqualTo(64);
            assertThat(f.exampleId()).isEqualTo("long");
            String window = tok.decode(f.ids(), true);
            if (f.startPosition() == 0) {
                assertThat(f.endPosition()).isZero();
                assertThat(window).doesNotContain(answer);
            } else {
                withAnswer++;
                int[] span = Arrays.copyOfRange(f.ids(), f.startPosition(), f.endPosition() + 1);
                assertThat(tok.decode(span, false)).isEqualTo(answer);
                assertThat(f.typeIds()[f.startPosition()]).isEqualTo(1);
            }
        }
        assertThat(withAnswer).isBetween(1, got.size() - 1);
        // windows overlap by the stride: the next window starts 24 context tokens before the previous one ended
        assertThat(tok.decode(Arrays.copyOfRange(got.get(1).ids(), 5, 5 + 24), false))
                .isEqualTo(tok.decode(Arrays.copyOfRange(got.get(0).ids(), 63 - 24, 63), false));
    }

    /** Hugging Face would put the start on the [SEP] after "five" here (see QaFeatures). */
    @Test
    void answerInTheLastContextTokenOfAWindowStaysInsideIt() {
        String context = "one two three four five six seven eight nine ten";
        SquadExample e = new SquadExample("edge", "", "q", context,
                List.of(new SquadAnswer("five", context.indexOf("five"))), false);
        QaFeature f = QaFeatures.encode(tok, List.of(e), 8, 2).getFirst(); // [CLS] q [SEP] one two three four [SEP]
        QaFeature hit = QaFeatures.encode(tok, List.of(e), 9, 2).getFirst(); // [CLS] q [SEP] one two three four five [SEP]
        assertThat(f.startPosition()).isZero();
        assertThat(tok.idToToken(hit.ids()[hit.startPosition()])).isEqualTo("five");
        assertThat(hit.startPosition()).isEqualTo(hit.endPosition()).isEqualTo(7);
    }

    @Test
    void impossibleQuestionsPointAtCls() {
        SquadExample e = new SquadExample("imp", "", "Who?", "Nobody knows.", List.of(), true);
        QaFeature f = QaFeatures.encode(tok, List.of(e), 32, 8).getFirst();
        assertThat(f.startPosition()).isZero();
        assertThat(f.endPosition()).isZero();
        assertThat(tok.idToToken(f.ids()[0])).isEqualTo("[CLS]");
    }

    @Test
    void aQuestionTooLongForMaxLengthNamesTheQuestion() {
        SquadExample e = new SquadExample("q7", "", "one two three four five six", "ctx here", List.of(), true);
        assertThatThrownBy(() -> QaFeatures.encode(tok, List.of(e), 8, 2)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("question q7 does not fit max_length 8 with doc_stride 2");
    }
}
