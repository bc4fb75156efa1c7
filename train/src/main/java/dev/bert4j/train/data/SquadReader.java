package dev.bert4j.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads SQuAD v1.1 and v2.0 files: {@code data[].paragraphs[].qas[]} with {@code id}, {@code question},
 * {@code answers[]} ({@code text}, {@code answer_start}) and, in v2.0, {@code is_impossible}. Every answer must
 * appear in the context at its {@code answer_start}, which counts code points as Python does; it becomes a UTF-16
 * index. Fields the reader does not use ({@code version}, {@code plausible_answers}) are ignored.
 */
public final class SquadReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String file;
    private final Set<String> ids = new HashSet<>();
    private final List<SquadExample> out = new ArrayList<>();

    private SquadReader(String file) {
        this.file = file;
    }

    /**
     * Reads all questions of a file, in file order.
     *
     * @throws DatasetException when the file is malformed, has no questions, repeats a question id, or an answer
     *                          does not match the context at its offset (the message names the question id)
     */
    public static List<SquadExample> read(Path path) {
        String file = DataFiles.name(path);
        JsonNode root;
        try {
            root = MAPPER.readTree(DataFiles.read(path));
        } catch (JsonProcessingException e) {
            throw new DatasetException(file + " line " + e.getLocation().getLineNr() + ": malformed JSON ("
                    + e.getOriginalMessage() + ")");
        }
        SquadReader reader = new SquadReader(file);
        JsonNode data = reader.array(root, "data", "the file");
        for (int a = 0; a < data.size(); a++) {
            JsonNode article = data.get(a);
            String where = "data[" + a + "]";
            String title = article.path("title").isTextual() ? article.get("title").textValue() : "";
            JsonNode paragraphs = reader.array(article, "paragraphs", where);
            for (int p = 0; p < paragraphs.size(); p++) {
                reader.paragraph(paragraphs.get(p), title, where + ".paragraphs[" + p + "]");
            }
        }
        if (reader.out.isEmpty()) throw DataFiles.empty(file);
        return List.copyOf(reader.out);
    }

    private void paragraph(JsonNode paragraph, String title, String where) {
        String context = text(paragraph, "context", where);
        JsonNode qas = array(paragraph, "qas", where);
        for (int q = 0; q < qas.size(); q++) {
            JsonNode qa = qas.get(q);
            String qWhere = where + ".qas[" + q + "]";
            String id = qa.path("id").isTextual() || qa.path("id").isNumber() ? qa.get("id").asText() : null;
            if (id == null) throw new DatasetException(file + ": " + qWhere + " has no \"id\"");
            String at = "question " + id;
            if (!ids.add(id)) {
                throw new DatasetException(file + ": " + at + " appears twice; question ids must be unique");
            }
            String question = text(qa, "question", at);
            boolean impossible = impossible(qa, at);
            List<SquadAnswer> answers = answers(array(qa, "answers", at), context, at);
            if (impossible && !answers.isEmpty()) {
                throw new DatasetException(file + ": " + at + " is_impossible is true but it has answers");
            }
            if (!impossible && answers.isEmpty()) {
                throw new DatasetException(file + ": " + at + " has no answers and is not marked is_impossible");
            }
            out.add(new SquadExample(id, title, question, context, answers, impossible));
        }
    }

    private boolean impossible(JsonNode qa, String at) {
        JsonNode n = qa.get("is_impossible");
        if (n == null || n.isNull()) return false;
        if (!n.isBoolean()) throw new DatasetException(file + ": " + at + " \"is_impossible\" must be true or false");
        return n.booleanValue();
    }

    private List<SquadAnswer> answers(JsonNode answers, String context, String at) {
        List<SquadAnswer> list = new ArrayList<>(answers.size());
        int codePoints = context.codePointCount(0, context.length());
        for (JsonNode a : answers) {
            String text = text(a, "text", at + " answer");
            if (text.isEmpty()) throw new DatasetException(file + ": " + at + " has an answer with empty text");
            JsonNode start = a.get("answer_start");
            if (start == null || !start.isIntegralNumber() || !start.canConvertToInt()) {
                throw new DatasetException(file + ": " + at + " answer \"" + text + "\" has no integer answer_start");
            }
            int cp = start.intValue();
            if (cp < 0 || cp > codePoints) {
                throw new DatasetException(file + ": " + at + " answer_start " + cp + " is outside the context ("
                        + codePoints + " characters)");
            }
            int utf16 = context.offsetByCodePoints(0, cp);
            if (!context.startsWith(text, utf16)) {
                String found = context.substring(utf16, Math.min(context.length(), utf16 + text.length()));
                throw new DatasetException(file + ": " + at + " answer \"" + text + "\" is not at answer_start "
                        + cp + " of the context, which reads \"" + found + "\" there");
            }
            list.add(new SquadAnswer(text, utf16));
        }
        return list;
    }

    private JsonNode array(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new DatasetException(file + ": " + where + " has no \"" + field + "\" list; a SQuAD file is"
                    + " {\"data\": [{\"paragraphs\": [{\"context\": ..., \"qas\": [...]}]}]}");
        }
        return n;
    }

    private String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new DatasetException(file + ": " + where + " has no \"" + field + "\" string");
        }
        return n.textValue();
    }
}
