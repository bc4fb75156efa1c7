package dev.bert4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code tokenizer.json} that transformers' {@code convert_slow_tokenizer} makes of a {@code spiece.model}:
 * {@code SpmConverter} (the default), {@code AlbertConverter} or {@code DebertaV2Converter}. The model becomes a
 * {@code Unigram} ([piece, score] pairs, {@code unk_id}) or a {@code BPE} (merges found from the pieces, best score
 * first); control and user-defined pieces become added tokens ({@code normalized: false}, control ones special);
 * {@code byte_fallback} is kept, so the fast tokenizer spells unknown text in bytes as SentencePiece does.
 */
public final class SentencePieceConverter {
    /** Which transformers converter to follow, with its tokenizer options. */
    public enum Style { SPM, ALBERT, DEBERTA_V2 }

    /** The options of the slow tokenizer the converter reads ({@code do_lower_case}, {@code keep_accents}). */
    public record Options(Style style, boolean doLowerCase, boolean keepAccents) {
        public static Options spm() {
            return new Options(Style.SPM, false, false);
        }
    }

    private SentencePieceConverter() {}

    /** The {@code tokenizer.json} tree for {@code spiece.model} at {@code file}. */
    public static ObjectNode convert(Path file, Options options) {
        return convert(SentencePieceFiles.proto(TokenizerFiles.read(file), file.toString()), options, file.toString());
    }

    static ObjectNode convert(SentencePieceFiles.Proto p, Options o, String source) {
        if (p.whitespaceAsSuffix()) {
            throw new TokenizerException(source + ": treats whitespace as a suffix, which transformers' converter does not handle");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < p.pieces().length; i++) {
            int type = p.types()[i];
            if (type != SentencePieceModel.CONTROL && type != SentencePieceModel.USER_DEFINED) continue;
            added.addObject().put("id", i).put("content", p.pieces()[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", type == SentencePieceModel.CONTROL);
        }
        root.set("normalizer", normalizer(p, o));
        root.set("pre_tokenizer", metaspace());
        root.set("post_processor", o.style() == Style.SPM ? null : bertTemplate(p, source));
        root.set("decoder", metaspace());
        root.set("model", p.bpe() ? bpe(p) : unigram(p, o));
        return root;
    }

    private static ObjectNode metaspace() {
        return JsonNodeFactory.instance.objectNode().put("type", "Metaspace").put("replacement", "\u2581")
                .put("prepend_scheme", "always").put("split", true);
    }

    private static JsonNode normalizer(SentencePieceFiles.Proto p, Options o) {
        List<ObjectNode> list = new ArrayList<>();
        switch (o.style()) {
            case SPM -> {
                list.add(node("Strip").put("strip_left", false).put("strip_right", true));
                list.add(replace(null, " {2,}", "\u2581"));
            }
            case ALBERT -> {
                list.add(replace("``", null, "\""));
                list.add(replace("''", null, "\""));
                if (!o.keepAccents()) {
                    list.add(node("NFKD"));
                    list.add(node("StripAccents"));
                }
                if (o.doLowerCase()) list.add(node("Lowercase"));
                list.add(replace(null, " {2,}", " "));
            }
            case DEBERTA_V2 -> {
                if (o.doLowerCase()) list.add(node("Lowercase"));
                list.add(node("Strip").put("strip_left", true).put("strip_right", true));
                list.add(replace(null, " {2,}", " "));
            }
        }
        if (p.charsMap().length > 0) {
            ObjectNode pre = node("Precompiled").put("precompiled_charsmap", Base64.getEncoder().encodeToString(p.charsMap()));
            list.add(o.style() == Style.SPM ? 0 : list.size() - 1, pre);
        }
        ObjectNode seq = node("Sequence");
        seq.putArray("normalizers").addAll(list);
        return seq;
    }

    private static ObjectNode node(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static ObjectNode replace(String literal, String regex, String content) {
        ObjectNode r = node("Replace");
        r.putObject("pattern").put(literal != null ? "String" : "Regex", literal != null ? literal : regex);
        return r.put("content", content);
    }

    /** {@code [CLS]:0 $A:0 [SEP]:0} and {@code ... $B:1 [SEP]:1}, as the Albert and DeBERTa-v2 converters write. */
    private static ObjectNode bertTemplate(SentencePieceFiles.Proto p, String source) {
        int cls = indexOf(p, "[CLS]", source);
        int sep = indexOf(p, "[SEP]", source);
        ObjectNode t = node("TemplateProcessing");
        ArrayNode single = t.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = t.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specials = t.putObject("special_tokens");
        for (String s : new String[] {"[CLS]", "[SEP]"}) {
            ObjectNode e = specials.putObject(s).put("id", s);
            e.putArray("ids").add(s.equals("[CLS]") ? cls : sep);
            e.putArray("tokens").add(s);
        }
        return t;
    }

    private static void special(ArrayNode a, String id, int type) {
        a.addObject().putObject("SpecialToken").put("id", id).put("type_id", type);
    }

    private static void sequence(ArrayNode a, String id, int type) {
        a.addObject().putObject("Sequence").put("id", id).put("type_id", type);
    }

    private static int indexOf(SentencePieceFiles.Proto p, String piece, String source) {
        for (int i = 0; i < p.pieces().length; i++) {
            if (p.pieces()[i].equals(piece)) return i;
        }
        throw new TokenizerException(source + ": has no '" + piece + "' piece, which a BERT-style template needs");
    }

    private static ObjectNode unigram(SentencePieceFiles.Proto p, Options o) {
        ObjectNode m = node("Unigram").put("unk_id", p.unkId());
        ArrayNode vocab = m.putArray("vocab");
        for (int i = 0; i < p.pieces().length; i++) {
            double score = p.scores()[i];
            if (o.style() == Style.ALBERT && !numberComma(p.pieces()[i])) score -= 100;
            vocab.addArray().add(p.pieces()[i]).add(score);
        }
        return m.put("byte_fallback", p.byteFallback());
    }

    /** Albert's {@code check_number_comma}: false for a piece like {@code "1,"} (a digit then a final comma). */
    private static boolean numberComma(String piece) {
        return piece.length() < 2 || piece.charAt(piece.length() - 1) != ',' || !Character.isDigit(piece.charAt(piece.length() - 2));
    }

    private record Merge(String left, String right, float score, int leftId, int rightId, int order) {}

    /**
     * {@code BPE} with the merges transformers' {@code SentencePieceExtractor} finds: every split of a piece into two
     * pieces, ordered by the piece's score (best first), then longer left and right parts first, then as found.
     */
    private static ObjectNode bpe(SentencePieceFiles.Proto p) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < p.pieces().length; i++) ids.putIfAbsent(p.pieces()[i], i);
        List<Merge> merges = new ArrayList<>();
        for (int i = 0; i < p.pieces().length; i++) {
            String piece = p.pieces()[i];
            List<Merge> local = new ArrayList<>();
            for (int k = piece.offsetByCodePoints(0, 1); k < piece.length(); k = piece.offsetByCodePoints(k, 1)) {
                Integer l = ids.get(piece.substring(0, k));
                Integer r = ids.get(piece.substring(k));
                if (l != null && r != null) local.add(new Merge(piece.substring(0, k), piece.substring(k), p.scores()[i], l, r, 0));
            }
            local.sort(Comparator.comparingInt(Merge::leftId).thenComparingInt(Merge::rightId));
            for (Merge m : local) merges.add(new Merge(m.left, m.right, m.score, m.leftId, m.rightId, merges.size()));
        }
        merges.sort(Comparator.comparingDouble((Merge m) -> -m.score)
                .thenComparingInt(m -> -m.left.codePointCount(0, m.left.length()))
                .thenComparingInt(m -> -m.right.codePointCount(0, m.right.length())).thenComparingInt(Merge::order));
        ObjectNode m = node("BPE").putNull("dropout").put("unk_token", p.pieces()[p.unkId()]).putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", true).put("byte_fallback", p.byteFallback())
                .put("ignore_merges", false);
        ObjectNode vocab = m.putObject("vocab");
        for (int i = 0; i < p.pieces().length; i++) {
            if (!vocab.has(p.pieces()[i])) vocab.put(p.pieces()[i], i);
        }
        ArrayNode list = m.putArray("merges");
        for (Merge x : merges) list.addArray().add(x.left).add(x.right);
        return m;
    }
}
