package dev.bert4j.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV (RFC 4180) and TSV parsing into rows of fields. Blank lines outside quotes are skipped; a field that opens
 * with a double quote runs to the matching quote ({@code ""} is a literal quote) and may span lines. A quote inside
 * an unquoted field, text after a closing quote or an unclosed quote is an error naming the line.
 */
final class DelimitedText {
    private DelimitedText() {}

    /**
     * One record.
     *
     * @param line   1-based line where the record starts
     * @param fields its fields, in order
     */
    record Row(int line, List<String> fields) {}

    /** Parses CSV text. */
    static List<Row> csv(String file, String text) {
        return new CsvParser(file, text).rows();
    }

    /** Parses TSV text: fields split on tabs, no quoting. */
    static List<Row> tsv(String file, String text) {
        String[] lines = DataFiles.lines(text);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            rows.add(new Row(i + 1, List.of(lines[i].split("\t", -1))));
        }
        return rows;
    }

    private static final class CsvParser {
        private final String file;
        private final String text;
        private int pos;
        private int line = 1;

        CsvParser(String file, String text) {
            this.file = file;
            this.text = text;
        }

        List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            while (pos < text.length()) {
                if (blankLine()) {
                    while (!atLineBreak()) pos++;
                    skipLineBreak();
                    continue;
                }
                int start = line;
                List<String> fields = new ArrayList<>();
                fields.add(field());
                while (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    fields.add(field());
                }
                if (pos < text.length()) skipLineBreak();
                rows.add(new Row(start, List.copyOf(fields)));
            }
            return rows;
        }

        /** Reads one field and leaves {@code pos} on the delimiter, the line break or the end. */
        private String field() {
            if (pos < text.length() && text.charAt(pos) == '"') return quoted();
            int from = pos;
            while (!atFieldEnd()) {
                if (text.charAt(pos) == '"') {
                    throw DatasetException.at(file, line, "a double quote inside an unquoted CSV field; quote"
                            + " the whole field and double the quotes inside it (\"say \"\"hi\"\"\")");
                }
                pos++;
            }
            return text.substring(from, pos);
        }

        private String quoted() {
            int openedAt = line;
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw DatasetException.at(file, openedAt, "a quoted CSV field is never closed");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        sb.append('"');
                        pos++;
                        continue;
                    }
                    if (!atFieldEnd()) {
                        throw DatasetException.at(file, line, "text after the closing quote of a CSV field;"
                                + " a quote inside a quoted field is written twice (\"\")");
                    }
                    return sb.toString();
                }
                if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) line++;
                sb.append(c);
            }
        }

        /** True when only spaces or tabs stand before the next line break or the end. */
        private boolean blankLine() {
            for (int i = pos; i < text.length() && !isBreak(text.charAt(i)); i++) {
                if (text.charAt(i) != ' ' && text.charAt(i) != '\t') return false;
            }
            return true;
        }

        private boolean atFieldEnd() {
            return atLineBreak() || text.charAt(pos) == ',';
        }

        private boolean atLineBreak() {
            return pos >= text.length() || isBreak(text.charAt(pos));
        }

        private static boolean isBreak(char c) {
            return c == '\n' || c == '\r';
        }

        private void skipLineBreak() {
            if (pos >= text.length()) return;
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') pos++;
            pos++;
            line++;
        }
    }
}
