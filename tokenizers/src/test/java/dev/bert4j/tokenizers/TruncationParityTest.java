package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Truncation against Hugging Face tokenizers on real Europarl text: both directions, the three pair strategies,
 * stride and every overflow window. The direction travels in tokenizer.json's {@code truncation} section, which
 * the reference keeps when DJL sets the length, strategy and stride. The two shipped tokenizers share a vocabulary,
 * so their rounds differ in what they cut: MiniLM short sentences and pairs to small lengths, bge whole
 * debate bodies to model-sized windows with a long stride and question-style pairs.
 */
class TruncationParityTest {
    private static final String[] STRATEGIES = {"longest_first", "only_first", "only_second"};
    private static final String[] JSON_STRATEGIES = {"LongestFirst", "OnlyFirst", "OnlySecond"};
    private static List<String> sentences;
    private static List<String> bodies;

    @BeforeAll
    static void corpus() {
        sentences = Corpus.europarlSentences();
        bodies = Corpus.europarlLines(3000).stream().map(l -> l.split("\t")).filter(f -> f.length >= 3)
                .map(f -> f[2]).filter(b -> b.length() > 1500).toList();
        assertThat(bodies).hasSizeGreaterThan(40);
    }

    @Test
    void minilmCutsSentencesAndPairsLeftAndRight() {
        Random r = new Random(2020);
        Round round = new Round();
        for (int i = 0; i < 36; i++) {
            Truncation.Direction dir = Truncation.Direction.values()[i % 2];
            int s = (i / 2) % 3;
            boolean pairs = s > 0 || i % 4 < 2;
            int maxLength = 5 + r.nextInt(30);
            int stride = r.nextInt(1 + maxLength / 3);
            try (Reference ref = reference(Corpus.MINILM, dir, s, maxLength, stride)) {
                for (int k = 0; k < 40; k++) {
                    String a = sentences.get(r.nextInt(sentences.size()));
                    round.check(ref, a, pairs ? sentences.get(r.nextInt(sentences.size())) : null, dir);
                }
            }
        }
        round.assertExercised();
    }

    @Test
    void bgeCutsDebateBodiesIntoModelSizedWindows() {
        Random r = new Random(512);
        Round round = new Round();
        for (int i = 0; i < 8; i++) {
            Truncation.Direction dir = Truncation.Direction.values()[i % 2];
            int s = i < 4 ? 0 : 2;                                        // bodies alone, then question + body
            int maxLength = i % 4 < 2 ? 512 : 128 + r.nextInt(128);
            int stride = maxLength / 4 + r.nextInt(maxLength / 8);
            try (Reference ref = reference(Corpus.BGE, dir, s, maxLength, stride)) {
                for (int k = 0; k < 12; k++) {
                    String body = bodies.get(r.nextInt(bodies.size()));
                    String question = s == 0 ? null : sentences.get(r.nextInt(sentences.size()));
                    if (question == null) {
                        round.check(ref, body, null, dir);
                    } else {
                        round.check(ref, question, body, dir);
                    }
                }
            }
        }
        round.assertExercised();
    }

    /** Both tokenizers from {@code resource}, truncation set in the JSON (direction included) and in DJL's options. */
    private static Reference reference(String resource, Truncation.Direction dir, int strategy, int maxLength,
                                       int stride) {
        ObjectNode json = Reference.json(resource);
        json.putNull("padding");
        json.putObject("truncation").put("direction", dir == Truncation.Direction.LEFT ? "Left" : "Right")
                .put("max_length", maxLength).put("strategy", JSON_STRATEGIES[strategy]).put("stride", stride);
        return Reference.of(json, Map.of("padding", "false", "truncation", STRATEGIES[strategy],
                "maxLength", Integer.toString(maxLength), "stride", Integer.toString(stride)));
    }

    /** Counts what the cases covered, so a round that never cuts, never overflows or never fails is noticed. */
    private static final class Round {
        int cut;
        int leftCuts;
        int windows;
        int strideTooLong;

        void check(Reference ref, String a, String b, Truncation.Direction dir) {
            Encoding e;
            try {
                e = ref.ours.encode(a, b);
            } catch (IllegalArgumentException ours) {
                if (ours.getMessage().contains("stride")) {
                    strideTooLong++;                  // the reference asserts this and aborts the whole JVM: not called
                    return;
                }
                boolean refFailed = false;
                try {
                    ref.reference(a, b, true);
                } catch (RuntimeException theirs) {
                    refFailed = true;
                }
                assertThat(refFailed).as("reference fails too on " + Reference.escape(a) + " / " + Reference.escape(b)
                        + " (ours: " + ours.getMessage() + ")").isTrue();
                return;
            }
            ai.djl.huggingface.tokenizers.Encoding theirs = ref.reference(a, b, true);
            Reference.assertSame(e, theirs, a, b, true);
            Invariants.check(ref.ours, e, a, b);
            if (e.truncated()) {
                cut++;
                windows += e.overflowing().size();
                if (dir == Truncation.Direction.LEFT && b == null) {
                    Encoding whole = ref.ours.withoutTruncation().encode(a);
                    assertThat(e.ids()[e.length() - 2]).as("a left cut keeps the end of " + Reference.escape(a))
                            .isEqualTo(whole.ids()[whole.length() - 2]);
                    leftCuts++;
                }
            }
        }

        void assertExercised() {
            assertThat(cut).as("cases that were truncated").isGreaterThan(50);
            assertThat(leftCuts).as("single texts cut on the left").isGreaterThan(10);
            assertThat(windows).as("overflow windows compared").isGreaterThan(cut);
            assertThat(strideTooLong).as("cases whose stride did not fit the part left for a text").isLessThan(cut / 4);
        }
    }
}
