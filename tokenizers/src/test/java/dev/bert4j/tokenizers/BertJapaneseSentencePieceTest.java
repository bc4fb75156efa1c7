package dev.bert4j.tokenizers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code BertJapaneseTokenizer} with {@code "subword_tokenizer_type": "sentencepiece"} against Debian's
 * {@code spm_encode}: models trained here with {@code spm_train} (Unigram with the BERT special tokens as its
 * unknown, padding and control pieces, trained without {@code split_by_number} so that pieces like {@code 4,}
 * exist; BPE with the default {@code <unk>}, {@code <s>}, {@code </s>}). The expected tokens are what transformers'
 * {@code tokenization_bert_japanese.py} does with {@code spm_encode}'s pieces, written out below from the code:
 * <ul>
 *   <li>{@code BertJapaneseTokenizer.__init__}: {@code SentencepieceTokenizer(vocab=self.spm_file,
 *   unk_token=str(unk_token))}, so {@code remove_space=True, keep_accents=True, do_lower_case=False};</li>
 *   <li>{@code SentencepieceTokenizer.preprocess_text}: {@code " ".join(inputs.strip().split())}, then
 *   {@code .replace("``", '"').replace("''", '"')}; no NFKD (keep_accents), no lowercasing;</li>
 *   <li>{@code SentencepieceTokenizer.tokenize}: {@code sp_model.encode(text, out_type=str)}; a piece with
 *   {@code len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit()} becomes
 *   {@code EncodeAsPieces(piece[:-1].replace(SPIECE_UNDERLINE, ""))}, minus the leading {@code ▁} (or the whole
 *   first piece when it is {@code ▁} alone) when the piece did not start with one, then {@code ","};</li>
 *   <li>{@code _convert_token_to_id}: {@code sp_model.PieceToId(token)} (the {@code .vocab} file's line number, the
 *   unknown piece's id for anything else); special tokens missing from the model get the ids after it
 *   ({@code PreTrainedTokenizer._add_tokens} over {@code get_vocab}).</li>
 * </ul>
 */
class BertJapaneseSentencePieceTest {
    @TempDir
    static Path dir;
    static List<String> texts;

    static final List<String> ADVERSARIAL = List.of("", " ", "\u3000", "  先頭と末尾の空白  ", "x  y\t\tz\nw",
            "価格は1,234,567円と9,800円,", "1,000, 2,000,", "①,②, ²,", "``引用''と'''", "`単独'", "ＡＢＣ１２３，４５６，",
            "ｶﾀｶﾅﾊﾝｶｸｶﾞ", "絵文字😀🎉👨‍👩‍👧", "𠮷野家", "Ünïcödé ñ ç", "[MASK]と[CLS]", "東京[MASK]", "a".repeat(150),
            "ʘʘʘ 未知 ʘ", "全角　スペース　の　文");

    @BeforeAll
    static void corpus() throws IOException {
        List<String> sentences = SentencePieceTest.japaneseSentences();
        List<String> train = new ArrayList<>(sentences.subList(0, 5000));
        for (int i = 0; i < 60; i++) train.add("合計は " + (i * 7919 % 1000) + "," + (i * 104729 % 1000) + ", 2,000, 3,500, 4,750, 円");
        Files.write(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
        texts = new ArrayList<>(sentences.subList(20_000, 22_000));
        texts.addAll(ADVERSARIAL);
    }

    private static Path trained(String name, String... options) {
        Path model = dir.resolve(name + ".model");
        if (Files.exists(model)) return model;
        List<String> cmd = new ArrayList<>(List.of("spm_train", "--input=" + dir.resolve("train.txt"),
                "--model_prefix=" + dir.resolve(name), "--vocab_size=3000", "--character_coverage=0.9995",
                "--minloglevel=2"));
        cmd.addAll(List.of(options));
        SentencePieceTest.run(null, cmd.toArray(String[]::new));
        return model;
    }

    private static Path unigram() {
        return trained("unigram", "--model_type=unigram", "--split_by_number=false", "--pad_id=0", "--unk_id=1",
                "--bos_id=-1", "--eos_id=-1", "--pad_piece=[PAD]", "--unk_piece=[UNK]", "--control_symbols=[CLS],[SEP],[MASK]");
    }

    private static Path bpe() {
        return trained("bpe", "--model_type=bpe", "--split_by_number=false");
    }

    private Tokenizer japanese(Path model, String name, String options) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.copy(model, d.resolve("spiece.model"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(d.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"subword_tokenizer_type\": \"sentencepiece\"" + options + "}");
        return Tokenizer.fromFile(d);
    }

    /** {@code PieceToId} as the {@code .vocab} file spm_train wrote gives it: piece on line i has id i. */
    private static Map<String, Integer> pieceIds(Path model) throws IOException {
        Path vocab = Path.of(model.toString().replace(".model", ".vocab"));
        Map<String, Integer> ids = new HashMap<>();
        List<String> lines = Files.readAllLines(vocab, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) ids.put(lines.get(i).substring(0, lines.get(i).indexOf('\t')), i);
        return ids;
    }

    /** Python's {@code str.isspace} (bidirectional class WS, B or S, or category Zs), as {@code split()} uses it. */
    private static boolean pythonSpace(int cp) {
        return cp == 0x1C || cp == 0x1D || cp == 0x1E || cp == 0x1F || cp == 0x85 || (cp >= 9 && cp <= 13)
                || Character.getType(cp) == Character.SPACE_SEPARATOR || cp == 0x2028 || cp == 0x2029;
    }

    /** {@code preprocess_text} with the defaults {@code BertJapaneseTokenizer} leaves it. */
    static String preprocess(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (pythonSpace(cp)) {
                if (!w.isEmpty()) words.add(w.toString());
                w.setLength(0);
            } else {
                w.appendCodePoint(cp);
            }
        });
        if (!w.isEmpty()) words.add(w.toString());
        return String.join(" ", words).replace("``", "\"").replace("''", "\"");
    }

    /** One word's tokens and ids as transformers' {@code SentencepieceTokenizer} makes them from spm_encode's pieces. */
    record Expected(List<String> tokens, List<Integer> ids) {}

    private static List<Expected> expected(Path model, List<String> words) throws IOException {
        Map<String, Integer> ids = pieceIds(model);
        int unk = ids.containsKey("[UNK]") ? ids.get("[UNK]") : ids.get("<unk>");
        List<String> pre = words.stream().map(BertJapaneseSentencePieceTest::preprocess).toList();
        List<String[]> pieces = encode(model, pre, "piece");
        List<String[]> pieceIds = encode(model, pre, "id");
        List<String> again = new ArrayList<>();
        for (String[] ps : pieces) {
            for (String p : ps) if (digitComma(p)) again.add(p.substring(0, p.length() - 1).replace("\u2581", ""));
        }
        List<String[]> againPieces = encode(model, again, "piece");
        List<String[]> againIds = encode(model, again, "id");
        List<Expected> out = new ArrayList<>();
        int a = 0;
        for (int w = 0; w < words.size(); w++) {
            List<String> tokens = new ArrayList<>();
            List<Integer> tokenIds = new ArrayList<>();
            for (int k = 0; k < pieces.get(w).length; k++) {
                String p = pieces.get(w)[k];
                if (!digitComma(p)) {
                    tokens.add(p);
                    tokenIds.add(Integer.parseInt(pieceIds.get(w)[k]));
                    continue;
                }
                String[] cur = againPieces.get(a);
                String[] curIds = againIds.get(a++);
                for (int j = 0; j < cur.length; j++) {
                    if (j == 0 && p.charAt(0) != '\u2581' && cur[0].charAt(0) == '\u2581') {
                        if (cur[0].length() == 1) continue;
                        tokens.add(cur[0].substring(1));
                        tokenIds.add(ids.getOrDefault(cur[0].substring(1), unk));
                    } else {
                        tokens.add(cur[j]);
                        tokenIds.add(Integer.parseInt(curIds[j]));
                    }
                }
                tokens.add(",");
                tokenIds.add(ids.getOrDefault(",", unk));
            }
            out.add(new Expected(tokens, tokenIds));
        }
        return out;
    }

    /** {@code len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit()} (isdigit: Nd or Numeric_Type=Digit). */
    private static boolean digitComma(String p) {
        int[] cps = p.codePoints().toArray();
        if (cps.length < 2 || cps[cps.length - 1] != ',') return false;
        int d = cps[cps.length - 2];
        return Character.getType(d) == Character.DECIMAL_DIGIT_NUMBER || d == 0xB2 || d == 0xB3 || d == 0xB9
                || d == 0x2070 || (d >= 0x2074 && d <= 0x2079) || (d >= 0x2080 && d <= 0x2089) || (d >= 0x2460 && d <= 0x2468);
    }

    private static List<String[]> encode(Path model, List<String> lines, String format) {
        if (lines.isEmpty()) return List.of();
        String out = SentencePieceTest.run(String.join("\n", lines) + "\n", "spm_encode", "--model=" + model,
                "--output_format=" + format);
        String[] rows = out.split("\n", -1);
        List<String[]> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) result.add(rows[i].isEmpty() ? new String[0] : rows[i].split(" "));
        return result;
    }

    /** Our tokens and ids (without [CLS] and [SEP]) equal the expectation on every text; offsets cover the pieces. */
    private void compare(Tokenizer t, List<String> inputs, List<List<String>> wordsOf, Path model) throws IOException {
        List<String> allWords = new ArrayList<>();
        for (List<String> ws : wordsOf) allWords.addAll(ws);
        List<Expected> perWord = expected(model, allWords);
        int w = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            List<String> tokens = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < wordsOf.get(i).size(); k++, w++) {
                tokens.addAll(perWord.get(w).tokens());
                ids.addAll(perWord.get(w).ids());
            }
            Encoding e = t.encode(text);
            Invariants.check(t, e, text, null);
            List<String> ours = List.of(e.tokens()).subList(1, e.length() - 1);
            assertThat(ours).as(text).isEqualTo(tokens);
            assertThat(Arrays.stream(e.ids()).boxed().toList().subList(1, e.length() - 1)).as(text).isEqualTo(ids);
            checkOffsets(e, text);
        }
    }

    /** NFKD without combining marks and format characters, lowercased: what the basic tokenizer's lowercasing makes of a text. */
    private static String bare(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("[\\p{Mn}\\p{Cf}]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Each token's span of the original text, with NFKD, accents dropped and lowercased, holds the token without its {@code ▁}. */
    private static void checkOffsets(Encoding e, String text) {
        for (int k = 1; k < e.length() - 1; k++) {
            String piece = bare(e.tokens()[k].replace("\u2581", ""));
            String original = bare(text.substring(e.start(k), e.end(k)));
            if (!piece.isEmpty() && !piece.contains("\"") && !original.contains("[")) {
                assertThat(original).as("offsets of '%s' in %s", e.tokens()[k], text).contains(piece);
            }
        }
    }

    @Test
    void unigramWithoutWordTokenizerEqualsTransformersOverSpmEncode() throws IOException {
        Path model = unigram();
        Tokenizer t = japanese(model, "unigram-none", ", \"do_word_tokenize\": false");
        List<String> plain = texts.stream().filter(s -> !s.contains("[MASK]") && !s.contains("[CLS]")).toList();
        compare(t, plain, plain.stream().map(List::of).toList(), model);
        long rule = plain.stream().map(BertJapaneseSentencePieceTest::preprocess).filter(s -> s.matches("(?s).*\\d,.*")).count();
        assertThat(rule).as("texts where the digit-comma rule can apply").isGreaterThan(5);
    }

    @Test
    void bpeWithoutWordTokenizerEqualsTransformersOverSpmEncode() throws IOException {
        Path model = bpe();
        Tokenizer t = japanese(model, "bpe-none", ", \"do_word_tokenize\": false");
        List<String> plain = texts.stream().filter(s -> !s.contains("[MASK]") && !s.contains("[CLS]")).toList();
        compare(t, plain, plain.stream().map(List::of).toList(), model);
    }

    /** Words from the word tokenizer (checked elsewhere) each go to the SentencePiece step on their own. */
    @Test
    void eachWordOfTheBasicAndMecabTokenizersIsEncodedOnItsOwn() throws IOException {
        Path model = unigram();
        for (String words : List.of("basic", "mecab")) {
            String opts = ", \"word_tokenizer_type\": \"" + words + "\", \"do_lower_case\": true";
            Tokenizer t = japanese(model, words, opts);
            Tokenizer wordsOnly = japanese(model, words + "-words", opts + ", \"do_subword_tokenize\": false");
            List<String> sample = texts.subList(texts.size() - 600, texts.size());
            List<List<String>> wordsOf = new ArrayList<>();
            for (String s : sample) {
                Encoding e = wordsOnly.encode(s);
                List<String> ws = new ArrayList<>(List.of(e.tokens()).subList(1, e.length() - 1));
                wordsOf.add(ws);
            }
            compareWithSpecials(t, sample, wordsOf, model);
        }
    }

    /** As {@link #compare}, with the special tokens the text holds kept whole (split off before the word tokenizer). */
    private void compareWithSpecials(Tokenizer t, List<String> inputs, List<List<String>> wordsOf, Path model)
            throws IOException {
        List<String> allWords = new ArrayList<>();
        for (List<String> ws : wordsOf) for (String x : ws) if (!isSpecial(x)) allWords.add(x);
        List<Expected> perWord = expected(model, allWords);
        Map<String, Integer> ids = pieceIds(model);
        int w = 0;
        for (int i = 0; i < inputs.size(); i++) {
            List<String> tokens = new ArrayList<>();
            List<Integer> tokenIds = new ArrayList<>();
            for (String x : wordsOf.get(i)) {
                if (isSpecial(x)) {
                    tokens.add(x);
                    tokenIds.add(ids.get(x));
                } else {
                    tokens.addAll(perWord.get(w).tokens());
                    tokenIds.addAll(perWord.get(w++).ids());
                }
            }
            Encoding e = t.encode(inputs.get(i));
            Invariants.check(t, e, inputs.get(i), null);
            assertThat(List.of(e.tokens()).subList(1, e.length() - 1)).as(inputs.get(i)).isEqualTo(tokens);
            assertThat(Arrays.stream(e.ids()).boxed().toList().subList(1, e.length() - 1)).as(inputs.get(i)).isEqualTo(tokenIds);
            checkOffsets(e, inputs.get(i));
        }
    }

    private static boolean isSpecial(String s) {
        return s.equals("[MASK]") || s.equals("[CLS]") || s.equals("[SEP]") || s.equals("[UNK]") || s.equals("[PAD]");
    }

    @Test
    void specialTokensUseTheModelsPiecesOrTheIdsAfterIt() throws IOException {
        Tokenizer withPieces = japanese(unigram(), "specials-in", "");
        Map<String, Integer> ids = pieceIds(unigram());
        Encoding e = withPieces.encode("東京[MASK]");
        assertThat(e.ids()[0]).isEqualTo(ids.get("[CLS]"));
        assertThat(e.ids()[e.length() - 1]).isEqualTo(ids.get("[SEP]"));
        assertThat(e.tokens()).contains("[MASK]");
        assertThat(e.ids()[List.of(e.tokens()).indexOf("[MASK]")]).isEqualTo(ids.get("[MASK]"));
        assertThat(withPieces.tokenToId("[UNK]")).isEqualTo(ids.get("[UNK]"));
        // the BPE model has <unk>, <s>, </s> only: [UNK], [SEP], [PAD], [CLS], [MASK] come after its 3000 pieces
        Tokenizer without = japanese(bpe(), "specials-out", "");
        assertThat(without.tokenToId("[UNK]")).isEqualTo(3000);
        assertThat(without.tokenToId("[CLS]")).isEqualTo(3003);
        assertThat(without.tokenToId("[MASK]")).isEqualTo(3004);
        assertThat(without.encode("東京").ids()[0]).isEqualTo(3003);
        // an unknown character keeps its text and gets the model's unknown piece, not [UNK]
        Encoding unknown = without.encode("ʘ");
        assertThat(List.of(unknown.tokens())).contains("ʘ");
        assertThat(unknown.ids()[List.of(unknown.tokens()).indexOf("ʘ")]).isEqualTo(pieceIds(bpe()).get("<unk>"));
    }

    @Test
    void offsetsPointIntoTheOriginalTextThroughSpacesQuotesAndTheCommaRule() throws IOException {
        Tokenizer t = japanese(unigram(), "offsets", ", \"do_word_tokenize\": false");
        String text = "  ``東京''  は 2,000, 円";
        Encoding e = t.encode(text);
        for (int k = 1; k < e.length() - 1; k++) {
            String covered = text.substring(e.start(k), e.end(k));
            if (e.tokens()[k].equals("\"")) assertThat(covered).isIn("``", "''");
            if (e.tokens()[k].equals(",")) assertThat(covered).isEqualTo(",");
        }
        assertThat(List.of(e.tokens())).contains(",");
    }

    /** {@code PythonText.isDigit} against Python's own {@code str.isdigit} on every code point both know. */
    @Test
    void isDigitIsPythons() {
        String py = SentencePieceTest.run(null, "python3", "-c", "import unicodedata\nfor c in range(0x110000):\n"
                + "    if unicodedata.category(chr(c)) != 'Cn': print(c, int(chr(c).isdigit()))");
        int checked = 0;
        for (String line : py.split("\n")) {
            if (line.isEmpty()) continue;
            int cp = Integer.parseInt(line.substring(0, line.indexOf(' ')));
            if (!Character.isDefined(cp)) continue;
            assertThat(PythonText.isDigit(cp)).as("U+%04X", cp).isEqualTo(line.endsWith(" 1"));
            checked++;
        }
        assertThat(checked).isGreaterThan(140_000);
    }

    @Test
    void aMissingModelIsRefusedNamingTheFileAndTheField() throws IOException {
        Path d = Files.createDirectories(dir.resolve("missing"));
        Files.writeString(d.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"BertJapaneseTokenizer\","
                + " \"subword_tokenizer_type\": \"sentencepiece\", \"spm_file\": \"nope.model\"}");
        assertThatThrownBy(() -> Tokenizer.fromFile(d)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("nope.model").hasMessageContaining("spm_file");
    }
}
