package dev.bert4j.train.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads token classification sentences.
 * <ul>
 *   <li>{@code .jsonl}, {@code .json}: JSON Lines, {@code {"tokens": [...], "tags": [...]}}; the tags may be named
 *       {@code ner_tags} as in Hugging Face datasets and may be strings or integers. Other fields are an error.</li>
 *   <li>any other extension ({@code .conll}, {@code .txt}): CoNLL, one word per line, columns separated by
 *       whitespace, the word in the first column and its tag in the last; a blank line ends a sentence and lines
 *       starting with {@code -DOCSTART-} are skipped.</li>
 * </ul>
 */
public final class TokenClassificationReader {
    private static final Set<String> FIELDS = Set.of("tokens", "tags", "ner_tags");

    private TokenClassificationReader() {}

    /**
     * Reads all sentences of a file.
     *
     * @throws DatasetException when the file is missing, empty or malformed, or tokens and tags disagree in number
     */
    public static List<TaggedSentence> read(Path path) {
        String file = DataFiles.name(path);
        String text = DataFiles.read(path);
        List<TaggedSentence> out = switch (DataFiles.extension(path)) {
            case "jsonl", "json" -> fromJson(JsonLine.parse(file, text));
            default -> fromConll(file, DataFiles.lines(text));
        };
        if (out.isEmpty()) throw DataFiles.empty(file);
        return out;
    }

    private static List<TaggedSentence> fromJson(List<JsonLine> lines) {
        List<TaggedSentence> out = new ArrayList<>(lines.size());
        for (JsonLine l : lines) {
            l.onlyFields(FIELDS);
            if (l.has("tags") && l.has("ner_tags")) {
                throw l.error("give the tags once, as \"tags\" or \"ner_tags\"");
            }
            String tagField = l.has("ner_tags") ? "ner_tags" : "tags";
            List<String> tokens = l.strings("tokens");
            JsonNode tagNode = l.require(tagField);
            if (!tagNode.isArray()) {
                throw l.error("\"" + tagField + "\" must be a list, found " + tagNode.getNodeType());
            }
            List<String> tags = new ArrayList<>(tagNode.size());
            for (JsonNode t : tagNode) tags.add(l.label(tagField, t));
            if (tokens.isEmpty()) throw l.error("\"tokens\" is empty");
            if (tokens.size() != tags.size()) {
                throw l.error(tokens.size() + " tokens but " + tags.size() + " " + tagField
                        + "; give one tag per token");
            }
            out.add(new TaggedSentence(l.line(), tokens, tags));
        }
        return out;
    }

    private static List<TaggedSentence> fromConll(String file, String[] lines) {
        List<TaggedSentence> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("-DOCSTART-")) {
                if (!tokens.isEmpty()) out.add(new TaggedSentence(start, tokens, tags));
                tokens = new ArrayList<>();
                tags = new ArrayList<>();
                continue;
            }
            String[] columns = line.split("\\s+");
            if (columns.length < 2) {
                throw DatasetException.at(file, i + 1, "\"" + line + "\" has no tag; a CoNLL line is the word,"
                        + " optional columns and the tag, separated by whitespace");
            }
            if (tokens.isEmpty()) start = i + 1;
            tokens.add(columns[0]);
            tags.add(columns[columns.length - 1]);
        }
        if (!tokens.isEmpty()) out.add(new TaggedSentence(start, tokens, tags));
        return out;
    }
}
