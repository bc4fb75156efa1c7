package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with Hugging Face tokenizers (through DJL) on seeded generated text and real Europarl text: ids, tokens,
 * type ids, masks, word ids, the text each offset covers, and overflow windows must all be identical.
 */
class ParityTest {

    @Test
    void minilmOnGeneratedSinglesAndPairs() {
        try (Reference ref = Reference.plain(Reference.json(Corpus.MINILM))) {
            TextGenerator gen = new TextGenerator(20240601L);
            for (int i = 0; i < 2500; i++) ref.check(ref.ours, gen.text(30), null, false);
            for (int i = 0; i < 600; i++) ref.check(ref.ours, gen.text(20), gen.text(20), false);
        }
    }

    static Stream<Object[]> normalizerVariants() {
        Object[][] v = {
                // clean_text, handle_chinese_chars, strip_accents (null = follow lowercase), lowercase
                {false, true, null, true}, {true, false, null, true}, {true, true, true, true},
                {true, true, false, true}, {true, true, null, false}, {true, true, true, false},
                {false, false, false, false}};
        return Stream.of(v);
    }

    @ParameterizedTest(name = "clean_text={0} handle_chinese_chars={1} strip_accents={2} lowercase={3}")
    @MethodSource("normalizerVariants")
    void normalizerVariantsOnGeneratedText(boolean clean, boolean chinese, Boolean strip, boolean lower) {
        ObjectNode json = Reference.json(Corpus.MINILM);
        ObjectNode n = (ObjectNode) json.get("normalizer");
        n.put("clean_text", clean).put("handle_chinese_chars", chinese).put("lowercase", lower);
        if (strip == null) n.putNull("strip_accents");
        else n.put("strip_accents", strip);
        try (Reference ref = Reference.plain(json)) {
            TextGenerator gen = new TextGenerator(7L * (clean ? 3 : 5) + (chinese ? 11 : 13) + (lower ? 17 : 19)
                    + (strip == null ? 23 : strip ? 29 : 31));
            for (int i = 0; i < 400; i++) ref.check(ref.ours, gen.text(30), null, false);
            for (int i = 0; i < 100; i++) ref.check(ref.ours, gen.text(15), gen.text(15), false);
        }
    }

    @Test
    void bgeOnGeneratedText() {
        try (Reference ref = Reference.plain(Reference.json(Corpus.BGE))) {
            TextGenerator gen = new TextGenerator(99L);
            for (int i = 0; i < 500; i++) ref.check(ref.ours, gen.text(30), null, false);
        }
    }

    @Test
    void europarlSentencesAndLines() {
        List<String> sentences = Corpus.europarlSentences();
        List<String> lines = Corpus.europarlLines();
        assertThat(sentences).hasSizeGreaterThan(10_000);
        try (Reference ref = Reference.plain(Reference.json(Corpus.MINILM))) {
            for (int i = 0; i < sentences.size(); i += 20) ref.check(ref.ours, sentences.get(i), null, false);
            for (int i = 0; i < lines.size(); i += 60) ref.check(ref.ours, lines.get(i), null, false);
        }
    }

    @Test
    void truncationWithStrideAndOverflow() {
        ObjectNode json = Reference.json(Corpus.MINILM);
        TextGenerator gen = new TextGenerator(4242L);
        Random r = gen.random();
        String[] strategies = {"longest_first", "only_first", "only_second"};
        Truncation.Strategy[] ours = Truncation.Strategy.values();
        for (int round = 0; round < 12; round++) {
            int s = round % 3;
            boolean pairs = s > 0 || round % 2 == 1;
            int maxLength = 6 + r.nextInt(40);
            int budget = maxLength - (pairs ? 3 : 2);
            int stride = s == 0 ? r.nextInt(Math.max(1, pairs ? budget / 2 : budget)) : 0;
            ObjectNode copy = json.deepCopy();
            copy.putNull("truncation");
            copy.putNull("padding");
            Map<String, String> opts = Map.of("padding", "false", "truncation", strategies[s],
                    "maxLength", Integer.toString(maxLength), "stride", Integer.toString(stride));
            try (Reference ref = Reference.of(copy, opts)) {
                Tokenizer t = ref.ours.withTruncation(new Truncation(ours[s], maxLength, stride, Truncation.Direction.RIGHT));
                for (int i = 0; i < 120; i++) {
                    String a = gen.text(25);
                    String b = pairs ? gen.text(25) : null;
                    checkOrBothFail(ref, t, a, b);
                }
            }
        }
    }

    private static void checkOrBothFail(Reference ref, Tokenizer t, String a, String b) {
        Encoding e;
        try {
            e = t.encode(a, b);
        } catch (IllegalArgumentException ours) {
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
        Reference.assertSame(e, ref.reference(a, b, true), a, b, true);
        Invariants.check(t, e, a, b);
    }
}
