package dev.bert4j.pipeline;

import dev.bert4j.model.HeadKind;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.qa.Answer;
import dev.bert4j.pipeline.qa.QuestionAnsweringOptions;
import dev.bert4j.pipeline.qa.QuestionAnsweringPipeline;
import dev.bert4j.pipeline.qa.QuestionContext;
import dev.bert4j.pipeline.token.AggregationStrategy;
import dev.bert4j.pipeline.token.Entity;
import dev.bert4j.pipeline.token.EntityGroup;
import dev.bert4j.pipeline.token.TokenClassificationOptions;
import dev.bert4j.pipeline.token.TokenClassificationPipeline;
import dev.bert4j.pipeline.token.TokenEntity;
import dev.bert4j.pipeline.token.TokenClassificationWindow;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.TaskHeads;
import dev.bert4j.model.BertForTokenClassification;
import dev.bert4j.model.BertInputs;
import dev.bert4j.parity.OrtReference;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.tokenizers.Truncation;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Token classification and question answering on the real MiniLM encoder with seeded random heads. */
class SpanPipelinesEndToEndTest {
    private static final Map<Integer, String> NER = Map.of(0, "O", 1, "B-PER", 2, "I-PER", 3, "B-LOC", 4, "I-LOC");
    private static final String[] WORDS = {"alice", "met", "bob", "in", "paris", "and", "they", "walked", "along",
        "the", "river", "towards", "london", "bridge", "while", "talking", "about", "tokenization"};
    @TempDir
    static Path tmp;
    static ComputeContext ctx;
    static Path ner;
    static Path qa;
    static String longText;

    @BeforeAll
    static void setUp() {
        MiniLmHeads heads = new MiniLmHeads(tmp);
        ctx = ComputeContext.inference(2);
        ner = heads.withHead("ner", HeadKind.TOKEN_CLASSIFICATION, NER, null, 24);   // 24-token windows
        qa = heads.withHead("qa", HeadKind.QUESTION_ANSWERING, Map.of(), null, null);
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        longText = sb.toString();                      // lower case, single spaces: words read back as written
    }

    @AfterAll
    static void tearDown() {
        ctx.close();
    }

    @Test
    void everyTokenGetsALabelAndOffsetsIntoTheText() {
        TokenClassificationPipeline pipe = TokenClassificationPipeline.load(ner);
        String text = "Alice met Bob in Paris.";
        List<Entity> tokens = pipe.run(ctx, text, TokenClassificationOptions.DEFAULTS.withIgnoreLabels(List.of()));
        Encoding e = Tokenizer.fromFile(ner).withoutPadding().withoutTruncation().encode(text);
        assertThat(tokens).hasSize(e.length() - 2);                        // all but [CLS] and [SEP]
        for (Entity entity : tokens) {
            TokenEntity t = (TokenEntity) entity;
            assertThat(NER.values()).contains(t.entity());
            assertThat(t.word()).isEqualTo(e.tokens()[t.index()]);
            assertThat(text.substring(t.start(), t.end()).toLowerCase(Locale.ROOT)).isEqualTo(t.word().replace("##", ""));
            assertThat(t.score()).isBetween(1.0 / 5, 1.0);                 // the argmax of a 5-way softmax
        }
        List<Entity> kept = pipe.run(ctx, text, TokenClassificationOptions.DEFAULTS);
        assertThat(kept).allMatch(t -> !t.label().equals("O"))
                .hasSize((int) tokens.stream().filter(t -> !t.label().equals("O")).count());
    }

    @Test
    void withoutStrideALongTextIsCutAtTheModelLength() {
        TokenClassificationPipeline pipe = TokenClassificationPipeline.load(ner);
        List<Entity> tokens = pipe.run(ctx, longText, TokenClassificationOptions.DEFAULTS.withIgnoreLabels(List.of()));
        assertThat(tokens).hasSize(22);                                    // 24 minus [CLS] and [SEP]
    }

    @Test
    void strideWindowsAreScoredOneByOneAndMergedAsHf() {
        TokenClassificationPipeline pipe = TokenClassificationPipeline.load(ner);
        List<TokenClassificationWindow> windows = windowsScoredOneByOne(longText, 6);
        assertThat(windows).hasSizeGreaterThan(3);
        int firstWindowEnd = Arrays.stream(windows.getFirst().offsets()).mapToInt(o -> o[1]).max().orElseThrow();
        Tokenizer tok = tokenizer();
        for (AggregationStrategy strategy : List.of(AggregationStrategy.SIMPLE, AggregationStrategy.FIRST,
                AggregationStrategy.AVERAGE, AggregationStrategy.MAX)) {
            List<Entity> groups = pipe.run(ctx, longText, new TokenClassificationOptions(strategy, List.of(), 6));
            List<EntityGroup> expected = HfTokenAggregation.postprocess(longText, windows, strategy, NER,
                    tok::idToToken, tok.specialTokens().unkId(), List.of());
            assertThat(groups).as(strategy.name()).hasSameSizeAs(expected);
            for (int i = 0; i < groups.size(); i++) {
                EntityGroup g = (EntityGroup) groups.get(i);
                EntityGroup e = expected.get(i);
                assertThat(List.of(g.entityGroup(), g.word(), g.start(), g.end()))
                        .containsExactly(e.entityGroup(), e.word(), e.start(), e.end());
                assertThat(g.score()).isCloseTo(e.score(), within(1e-5));
                assertThat(g.entityGroup()).isIn("O", "PER", "LOC");
                String covered = longText.substring(g.start(), g.end());
                assertThat(strategy == AggregationStrategy.SIMPLE ? g.word().replaceFirst("^##", "") : g.word())
                        .isEqualTo(covered);                     // simple may split a word: "##ization", as HF
                if (i > 0) {
                    assertThat(g.start()).isGreaterThanOrEqualTo(groups.get(i - 1).end());   // no overlaps
                }
            }
            assertThat(groups.getLast().end()).as("later windows are labelled").isGreaterThan(firstWindowEnd);
            List<Entity> named = pipe.run(ctx, longText, new TokenClassificationOptions(strategy, List.of("O"), 6));
            assertThat(named).extracting(Entity::start).containsExactlyElementsOf(HfTokenAggregation.postprocess(
                    longText, windows, strategy, NER, tok::idToToken, tok.specialTokens().unkId(), List.of("O"))
                    .stream().map(EntityGroup::start).toList());
        }
    }

    /** The tokenizer's stride windows, each through the model on its own (no batching, no padding). */
    private static List<TokenClassificationWindow> windowsScoredOneByOne(String text, int stride) {
        BertForTokenClassification model = TaskHeads.load(ModelDirectory.open(ner), BertForTokenClassification.class);
        Encoding first = tokenizer().withTruncation(Truncation.longestFirst(24).withStride(stride)).encode(text);
        List<Encoding> encodings = new ArrayList<>(List.of(first));
        encodings.addAll(first.overflowing());
        List<TokenClassificationWindow> out = new ArrayList<>();
        for (Encoding e : encodings) {
            float[] logits = model.forward(ctx, BertInputs.single(e.ids())).logits().data();
            float[][] rows = new float[e.length()][];
            int[][] offsets = new int[e.length()][];
            boolean[] special = new boolean[e.length()];
            for (int i = 0; i < e.length(); i++) {
                rows[i] = Arrays.copyOfRange(logits, i * 5, i * 5 + 5);
                offsets[i] = new int[] {e.start(i), e.end(i)};
                special[i] = e.specialTokensMask()[i] == 1;
            }
            out.add(new TokenClassificationWindow(rows, e.ids(), offsets, special));
        }
        return out;
    }

    private static Tokenizer tokenizer() {
        return Tokenizer.fromFile(ner).withoutPadding();
    }

    @Test
    void tokenClassificationBatchesAndStrideErrors() {
        TokenClassificationPipeline pipe = TokenClassificationPipeline.load(ner);
        TokenClassificationOptions simple = new TokenClassificationOptions(AggregationStrategy.SIMPLE, List.of(), 4);
        List<List<Entity>> batch = pipe.runBatch(ctx, List.of("paris", longText, ""), simple);
        assertThat(batch.get(0)).hasSize(1);
        assertThat(batch.get(1)).containsExactlyElementsOf(pipe.run(ctx, longText, simple));
        assertThat(batch.get(2)).isEmpty();
        assertThatThrownBy(() -> pipe.run(ctx, longText, TokenClassificationOptions.DEFAULTS.withStride(4)))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("aggregation_strategy");
        assertThatThrownBy(() -> pipe.run(ctx, longText, simple.withStride(22)))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("`stride` (22)");
    }

    @Test
    void answersAreExactSpansOfTheContextAcrossWindows() {
        QuestionAnsweringPipeline pipe = QuestionAnsweringPipeline.load(qa);
        QuestionAnsweringOptions options = pipe.defaultOptions().withWindows(48, 16, 64).withTopK(5);
        String question = "where did they walk?";
        List<Answer> answers = pipe.run(ctx, question, longText, options);
        assertThat(answers).hasSize(5).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        for (Answer a : answers) {
            assertThat(a.answer()).isNotEmpty().isEqualTo(longText.substring(a.start(), a.end()));
            assertThat(a.score()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertWholeWords(longText, a);                                  // align_to_words
            assertThat(a.answer().split(" ")).hasSizeLessThanOrEqualTo(options.maxAnswerLen());
        }
        assertThat(answers.stream().map(a -> a.answer().toLowerCase(Locale.ROOT)).distinct()).hasSize(5);
        List<List<Answer>> batch = pipe.runBatch(ctx, List.of(new QuestionContext("who?", "alice met bob"),
                new QuestionContext(question, longText)), options);
        assertThat(batch.get(1)).extracting(Answer::answer).containsExactlyElementsOf(
                answers.stream().map(Answer::answer).toList());
        assertThat(batch.get(0)).allSatisfy(a -> assertThat("alice met bob").contains(a.answer()));
    }

    @Test
    void answersAndScoresAreHfsSpanSelectionOverOnnxRuntimesEncoder() throws Exception {
        QuestionAnsweringPipeline pipe = QuestionAnsweringPipeline.load(qa);
        String question = "Where did Alice meet Bob?";
        String context = "Alice met Bob in Paris, and they walked along the river towards London Bridge "
                + "while talking about tokenization.";
        QuestionAnsweringOptions options = pipe.defaultOptions().withTopK(4);
        List<Answer> ours = pipe.run(ctx, question, context, options);
        Encoding e = Tokenizer.fromFile(qa).withoutPadding().withoutTruncation().encode(question, context);
        float[] hidden;
        try (OrtReference ort = new OrtReference(OrtReference.resource("all-minilm-l6-v2.onnx"))) {
            hidden = ort.lastHiddenState(BertInputs.of(new int[][] {e.ids()}, new int[][] {e.typeIds()}, 0));
        }
        Map<String, Tensor> w = ModelDirectory.open(qa).loadWeights();
        int C = 384;
        double[] start = new double[e.length()];
        double[] end = new double[e.length()];
        for (int t = 0; t < e.length(); t++) {
            start[t] = w.get("qa_outputs.bias").data()[0];
            end[t] = w.get("qa_outputs.bias").data()[1];
            for (int k = 0; k < C; k++) {
                start[t] += hidden[t * C + k] * w.get("qa_outputs.weight").data()[k];
                end[t] += hidden[t * C + k] * w.get("qa_outputs.weight").data()[C + k];
            }
        }
        List<Answer> expected = HfQuestionAnswering.answers(e, start, end, context, 4, options.maxAnswerLen(),
                e.ids()[0]);
        assertThat(expected).hasSize(4);
        assertThat(ours).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Answer a = ours.get(i);
            Answer x = expected.get(i);
            assertThat(List.of(a.answer(), a.start(), a.end())).as("answer %d", i)
                    .containsExactly(x.answer(), x.start(), x.end());
            assertThat(a.score()).as("score of %s", x.answer()).isCloseTo(x.score(), within(1e-4 * x.score()));
        }
    }

    @Test
    void theImpossibleAnswerAndBadQuestionsFollowHf() {
        QuestionAnsweringPipeline pipe = QuestionAnsweringPipeline.load(qa);
        QuestionAnsweringOptions options = pipe.defaultOptions().withWindows(48, 16, 64).withTopK(100_000);
        List<Answer> all = pipe.run(ctx, "who?", longText, options.withHandleImpossibleAnswer(true));
        Answer none = all.stream().filter(a -> a.answer().isEmpty()).findFirst().orElseThrow();
        assertThat(none.start()).isZero();
        assertThat(none.end()).isZero();
        assertThat(all).filteredOn(a -> a.answer().isEmpty()).hasSize(1);
        List<Answer> withoutNull = pipe.run(ctx, "who?", longText, options);
        assertThat(withoutNull).noneMatch(a -> a.answer().isEmpty()).hasSize(all.size() - 1);
        Answer best = pipe.run(ctx, "who?", longText, options.withTopK(1).withHandleImpossibleAnswer(true)).getFirst();
        assertThat(List.of(best.answer(), best.start(), best.end()))        // scores differ: fewer spans merge
                .containsExactly(all.getFirst().answer(), all.getFirst().start(), all.getFirst().end());
        assertThatThrownBy(() -> pipe.run(ctx, "", longText, options)).isInstanceOf(PipelineInputException.class)
                .hasMessageContaining("`question` cannot be empty");
        assertThatThrownBy(() -> pipe.run(ctx, "who?", "", options)).isInstanceOf(PipelineInputException.class)
                .hasMessageContaining("`context` cannot be empty");
        String longQuestion = "what " + "is this ".repeat(30) + "about?";
        assertThatThrownBy(() -> pipe.run(ctx, longQuestion, longText, options))
                .isInstanceOf(PipelineInputException.class).hasMessageContaining("max_seq_len 48");
    }

    private static void assertWholeWords(String text, Answer a) {
        assertThat(a.start() == 0 || !Character.isLetterOrDigit(text.charAt(a.start() - 1))).as(a.toString()).isTrue();
        assertThat(a.end() == text.length() || !Character.isLetterOrDigit(text.charAt(a.end()))).as(a.toString()).isTrue();
    }
}
