package dev.bert4j.train.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads text classification examples; the format comes from the extension.
 * <ul>
 *   <li>{@code .jsonl}, {@code .json}: JSON Lines, one object per line with {@code text}, optional
 *       {@code text_pair} and {@code label}: a string, an integer, or a list of those (multi-label). Other fields
 *       are an error; blank lines are skipped.</li>
 *   <li>{@code .csv}: RFC 4180 with a header row naming the columns {@code text}, {@code label} and optionally
 *       {@code text_pair}, in any order.</li>
 *   <li>{@code .tsv}: the same header and columns separated by tabs, without quoting.</li>
 * </ul>
 */
public final class TextClassificationReader {
    static final String TEXT = "text";
    static final String TEXT_PAIR = "text_pair";
    static final String LABEL = "label";
    private static final Set<String> FIELDS = Set.of(TEXT, TEXT_PAIR, LABEL);

    private TextClassificationReader() {}

    /**
     * Reads all examples of a file.
     *
     * @throws DatasetException when the file is missing, empty, malformed, or an example lacks a field
     */
    public static List<LabeledText> read(Path path) {
        String file = DataFiles.name(path);
        String ext = DataFiles.extension(path);
        String text = DataFiles.read(path);
        List<LabeledText> out = switch (ext) {
            case "jsonl", "json" -> fromJson(JsonLine.parse(file, text));
            case "csv" -> fromRows(file, DelimitedText.csv(file, text));
            case "tsv" -> fromRows(file, DelimitedText.tsv(file, text));
            default -> throw new DatasetException(file + ": unknown format \"." + ext + "\"; text classification"
                    + " data is .jsonl, .json (JSON Lines), .csv or .tsv");
        };
        if (out.isEmpty()) throw DataFiles.empty(file);
        return out;
    }

    private static List<LabeledText> fromJson(List<JsonLine> lines) {
        List<LabeledText> out = new ArrayList<>(lines.size());
        for (JsonLine l : lines) {
            l.onlyFields(FIELDS);
            String text = l.string(TEXT);
            String pair = l.optionalString(TEXT_PAIR);
            JsonNode label = l.require(LABEL);
            if (label.isArray()) {
                List<String> labels = new ArrayList<>(label.size());
                for (JsonNode e : label) labels.add(l.label(LABEL, e));
                if (Set.copyOf(labels).size() != labels.size()) {
                    throw l.error("\"label\" lists a label twice: " + labels);
                }
                out.add(new LabeledText(l.line(), text, pair, labels, true));
            } else {
                out.add(LabeledText.single(l.line(), text, pair, l.label(LABEL, label)));
            }
        }
        return out;
    }

    private static List<LabeledText> fromRows(String file, List<DelimitedText.Row> rows) {
        if (rows.isEmpty()) throw DataFiles.empty(file);
        Map<String, Integer> columns = header(file, rows.getFirst());
        int textCol = columns.get(TEXT);
        int labelCol = columns.get(LABEL);
        Integer pairCol = columns.get(TEXT_PAIR);
        int width = rows.getFirst().fields().size();
        List<LabeledText> out = new ArrayList<>(rows.size() - 1);
        for (DelimitedText.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            if (f.size() != width) {
                throw DatasetException.at(file, row.line(), "has " + f.size() + " fields but the header has "
                        + width + " (" + String.join(", ", rows.getFirst().fields()) + ")");
            }
            String label = f.get(labelCol);
            if (label.isBlank()) throw DatasetException.at(file, row.line(), "\"label\" is missing");
            out.add(LabeledText.single(row.line(), f.get(textCol), pairCol == null ? null : f.get(pairCol), label));
        }
        return out;
    }

    private static Map<String, Integer> header(String file, DelimitedText.Row header) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = header.fields();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (!FIELDS.contains(name)) {
                throw DatasetException.at(file, header.line(), "unknown column \"" + name + "\" in the header;"
                        + " the columns are text, label and optionally text_pair");
            }
            if (columns.put(name, i) != null) {
                throw DatasetException.at(file, header.line(), "column \"" + name + "\" appears twice in the header");
            }
        }
        for (String required : List.of(TEXT, LABEL)) {
            if (!columns.containsKey(required)) {
                throw DatasetException.at(file, header.line(), "the header has no \"" + required + "\" column;"
                        + " the first row must name the columns text, label and optionally text_pair");
            }
        }
        return columns;
    }
}
