package dev.bert4j.train.pretrain;

import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The instance maker and the masking on fixed seeds: proportions, specials, whole words, NSP negatives, lengths. */
class PretrainingDataTest {
    static final int V = 3000;
    static final int CLS = 1;
    static final int SEP = 2;
    static final int MASK = 3;

    @TempDir
    Path dir;

    /** Documents whose token ids tell the document: document d uses ids 100 d + (10..99). */
    private Path corpus(int docs, int sentences) throws IOException {
        List<String> lines = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        for (int d = 0; d < docs; d++) {
            for (int s = 0; s < sentences; s++) {
                StringBuilder b = new StringBuilder();
                for (int k = 0, n = 3 + r.nextInt(12); k < n; k++) {
                    b.append("w").append(100 * d + 10 + r.nextInt(90)).append(' ');
                }
                lines.add(b.toString().strip());
            }
            lines.add("");
        }
        return Files.write(dir.resolve("corpus.txt"), lines);
    }

    /** A whitespace tokenizer over "w5".."w2999" (ids = the number), with [CLS]=1, [SEP]=2, [MASK]=3, [PAD]=0. */
    static Tokenizer tokenizer() {
        StringBuilder vocab = new StringBuilder("{\"[PAD]\": 0, \"[CLS]\": 1, \"[SEP]\": 2, \"[MASK]\": 3, \"[UNK]\": 4");
        for (int i = 5; i < V; i++) {
            vocab.append(", \"w").append(i).append("\": ").append(i);
        }
        vocab.append('}');
        String json = "{\"version\": \"1.0\", \"added_tokens\": [" + added("[PAD]", 0) + "," + added("[CLS]", 1) + ","
                + added("[SEP]", 2) + "," + added("[MASK]", 3) + "," + added("[UNK]", 4) + "], "
                + "\"normalizer\": null, \"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"}, "
                + "\"post_processor\": {\"type\": \"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"[CLS]\", "
                + "\"type_id\": 0}}, {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}, {\"SpecialToken\": {\"id\": \"[SEP]\", "
                + "\"type_id\": 0}}], \"pair\": [], \"special_tokens\": {\"[CLS]\": {\"id\": \"[CLS]\", \"ids\": [1], "
                + "\"tokens\": [\"[CLS]\"]}, \"[SEP]\": {\"id\": \"[SEP]\", \"ids\": [2], \"tokens\": [\"[SEP]\"]}}}, "
                + "\"decoder\": null, \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", "
                + "\"continuing_subword_prefix\": \"##\", \"max_input_chars_per_word\": 100, \"vocab\": " + vocab + "}}";
        return Tokenizer.fromJson(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "test tokenizer");
    }

    private static String added(String content, int id) {
        return "{\"id\": " + id + ", \"content\": \"" + content + "\", \"single_word\": false, \"lstrip\": false, "
                + "\"rstrip\": false, \"normalized\": false, \"special\": true}";
    }

    @Test
    void pairsFitTheLengthAndHalfTakeTheirSecondSegmentFromAnotherDocument() throws IOException {
        TokenizedCorpus c = TokenizedCorpus.read(corpus(20, 30), tokenizer());
        assertThat(c.documents()).isEqualTo(20);
        List<PretrainingInstance> all = new InstanceMaker(c, 64, 0.1, true, CLS, SEP).make(new SplittableRandom(3));
        int random = 0;
        for (PretrainingInstance in : all) {
            int[] ids = in.ids();
            assertThat(ids.length).isLessThanOrEqualTo(64);
            assertThat(ids[0]).isEqualTo(CLS);
            assertThat(ids[ids.length - 1]).isEqualTo(SEP);
            int sepA = indexOf(ids, SEP);
            assertThat(sepA).isGreaterThan(1).isLessThan(ids.length - 2);         // both segments non-empty
            for (int i = 0; i < ids.length; i++) {
                assertThat(in.typeIds()[i]).isEqualTo(i <= sepA ? 0 : 1);
            }
            int docA = ids[1] / 100;
            boolean bFromA = Arrays.stream(ids, sepA + 1, ids.length - 1).allMatch(t -> t / 100 == docA);
            boolean bElsewhere = Arrays.stream(ids, sepA + 1, ids.length - 1).allMatch(t -> t / 100 != docA);
            assertThat(in.randomNext() ? bElsewhere : bFromA).as("segment B of %s", Arrays.toString(ids)).isTrue();
            random += in.randomNext() ? 1 : 0;
        }
        assertThat((double) random / all.size()).isCloseTo(0.5, within(0.08));
    }

    @Test
    void maskingChoosesFifteenPercentSplitEightyTenTenAndNeverSpecials() {
        boolean[] cont = new boolean[V];
        boolean[] special = new boolean[V];
        for (int id : new int[] {0, CLS, SEP, MASK, 4}) {
            special[id] = true;
        }
        Masking m = new Masking(0.15, 1000, false, cont, special, MASK);
        SplittableRandom r = new SplittableRandom(7);
        long chosen = 0;
        long masked = 0;
        long kept = 0;
        long swapped = 0;
        long total = 0;
        for (int draw = 0; draw < 4000; draw++) {
            int[] ids = new int[100];
            ids[0] = CLS;
            ids[99] = SEP;
            for (int i = 1; i < 99; i++) {
                ids[i] = 10 + r.nextInt(900);
            }
            Masking.Masked out = m.mask(ids, r);
            assertThat(out.labels()[0]).isEqualTo(Masking.IGNORE);
            assertThat(out.labels()[99]).isEqualTo(Masking.IGNORE);
            for (int i = 0; i < 100; i++) {
                if (out.labels()[i] == Masking.IGNORE) {
                    assertThat(out.ids()[i]).isEqualTo(ids[i]);
                    continue;
                }
                chosen++;
                assertThat(out.labels()[i]).isEqualTo(ids[i]);
                if (out.ids()[i] == MASK) {
                    masked++;
                } else if (out.ids()[i] == ids[i]) {
                    kept++;
                } else {
                    swapped++;
                }
            }
            total += 100;
        }
        assertThat((double) chosen / total).isEqualTo(0.15);                    // round(100 · 0.15) each time
        assertThat((double) masked / chosen).isCloseTo(0.8, within(0.01));
        assertThat((double) swapped / chosen).isCloseTo(0.1, within(0.01));
        assertThat((double) kept / chosen).isCloseTo(0.1, within(0.01));
    }

    @Test
    void wholeWordMaskingTakesEveryPieceOfAWord() {
        boolean[] cont = new boolean[V];
        for (int i = 500; i < V; i++) {
            cont[i] = true;                                                      // ids >= 500 play "##" pieces
        }
        boolean[] special = new boolean[V];
        special[CLS] = true;
        special[SEP] = true;
        Masking m = new Masking(0.15, 1000, true, cont, special, MASK);
        SplittableRandom r = new SplittableRandom(9);
        for (int draw = 0; draw < 500; draw++) {
            int[] ids = {CLS, 10, 600, 601, 11, 12, 700, 13, 800, 801, 802, 14, 15, 16, 17, 18, 19, 20, 21, 22, SEP};
            Masking.Masked out = m.mask(ids, r);
            int[][] words = {{1, 2, 3}, {4}, {5, 6}, {7, 8, 9, 10}};
            for (int[] w : words) {
                long labelled = Arrays.stream(w).filter(i -> out.labels()[i] != Masking.IGNORE).count();
                assertThat(labelled).as("word %s in %s", Arrays.toString(w), Arrays.toString(out.labels()))
                        .isIn(0L, (long) w.length);
            }
        }
    }

    @Test
    void badCorporaAreClearErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertThatThrownBy(() -> TokenizedCorpus.read(empty, tokenizer())).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no text");
        Path one = Files.writeString(dir.resolve("one.txt"), "w10 w11\nw12 w13\n");
        TokenizedCorpus c = TokenizedCorpus.read(one, tokenizer());
        assertThatThrownBy(() -> new InstanceMaker(c, 32, 0.1, true, CLS, SEP))
                .hasMessageContaining("at least two documents");
        assertThat(new InstanceMaker(c, 32, 0.1, false, CLS, SEP).make(new SplittableRandom(1))).isNotEmpty();
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"w10 w11.\"}\n{nope\n");
        assertThatThrownBy(() -> TokenizedCorpus.read(bad, tokenizer())).hasMessageContaining("line 2");
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
